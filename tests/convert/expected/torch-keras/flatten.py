"""Flattening feature maps before a classifier."""
import keras


def flatten_features(x):
    return keras.ops.reshape(x, keras.ops.shape(x)[:1] + (-1,))


def flatten_all(x):
    return keras.ops.reshape(x, (-1,))


def merge_middle(x):
    return keras.ops.reshape(x, keras.ops.shape(x)[:1] + (-1,) + keras.ops.shape(x)[2 + 1:])


def view_batch(x):
    return keras.ops.reshape(x, (x.shape[0], -1))
