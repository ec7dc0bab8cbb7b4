"""Joining tensors along an existing or a new axis."""
import torch


def join_features(a, b):
    return torch.cat([a, b], dim=1)


def join_rows(a, b, c):
    return torch.cat((a, b, c))


def stack_pair(a, b):
    return torch.stack([a, b], dim=-1)
