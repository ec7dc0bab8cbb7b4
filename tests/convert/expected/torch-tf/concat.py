"""Joining tensors along an existing or a new axis."""
import tensorflow as tf


def join_features(a, b):
    return tf.concat([a, b], axis=1)


def join_rows(a, b, c):
    return tf.concat((a, b, c), axis=0)


def stack_pair(a, b):
    return tf.stack([a, b], axis=-1)
