"""Flattening feature maps before a classifier."""
import torch


def flatten_features(x):
    return torch.flatten(x, 1)


def flatten_all(x):
    return torch.flatten(x)


def merge_middle(x):
    return torch.flatten(x, start_dim=1, end_dim=2)


def view_batch(x):
    return x.reshape(x.shape[0], -1)
