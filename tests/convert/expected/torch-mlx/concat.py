"""Joining tensors along an existing or a new axis."""
import mlx.core as mx


def join_features(a, b):
    return mx.concatenate([a, b], axis=1)


def join_rows(a, b, c):
    return mx.concatenate((a, b, c))


def stack_pair(a, b):
    return mx.stack([a, b], axis=-1)
