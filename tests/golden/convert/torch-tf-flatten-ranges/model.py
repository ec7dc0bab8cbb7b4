"""TensorFlow's flatten is written for the batch axis kept only (tf.shape is a tensor, not a
tuple to slice and join): other ranges are reported at their line, not written as that."""
import torch


def features(x):
    return torch.flatten(x, 1)


def everything(x):
    return x.flatten()


def middle(x):
    return torch.flatten(x, start_dim=1, end_dim=2)
