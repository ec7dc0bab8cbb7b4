"""Joining tensors along an existing or a new axis."""
import numpy as np


def join_features(a, b):
    return np.concatenate([a, b], axis=1)


def join_rows(a, b, c):
    return np.concatenate((a, b, c))


def stack_pair(a, b):
    return np.stack([a, b], axis=-1)
