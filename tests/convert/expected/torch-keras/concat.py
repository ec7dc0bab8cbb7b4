"""Joining tensors along an existing or a new axis."""
import keras


def join_features(a, b):
    return keras.ops.concatenate([a, b], axis=1)


def join_rows(a, b, c):
    return keras.ops.concatenate((a, b, c))


def stack_pair(a, b):
    return keras.ops.stack([a, b], axis=-1)
