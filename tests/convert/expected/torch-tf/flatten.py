"""Flattening feature maps before a classifier."""
import torch
import tensorflow as tf


def flatten_features(x):
    return tf.reshape(x, (tf.shape(x)[0], -1))


def flatten_all(x):
    # switcheroo: cannot convert 'torch.Tensor.flatten' to 'tensorflow': the target's template holds for start_axis=1 only, not 0
    return x.flatten()


def merge_middle(x):
    # switcheroo: cannot convert 'torch.flatten' to 'tensorflow': the target's template holds for end_axis=-1 only, not 2
    return torch.flatten(x, start_dim=1, end_dim=2)


def view_batch(x):
    return tf.reshape(x, (x.shape[0], -1))
