"""Splitting tensors into parts."""
import torch
import tensorflow as tf


def halves(x):
    # switcheroo: no mapping for 'torch.chunk' to 'tensorflow'
    first, second = torch.chunk(x, 2, dim=-1)
    return first * second


def thirds(x):
    return tf.split(x, 3, axis=0)


def qkv(x):
    # switcheroo: no mapping for 'torch.Tensor.chunk' to 'tensorflow'
    q, k, v = x.chunk(3, dim=-1)
    return q + k + v


def uneven(x):
    # switcheroo: no mapping for 'torch.Tensor.split' to 'tensorflow'
    head, body, tail = x.split([1, 2, 3], dim=1)
    return tf.reduce_sum(head, axis=1) + tf.reduce_sum(body, axis=1) + tf.reduce_sum(tail, axis=1)


def pieces(x):
    # switcheroo: no mapping for 'torch.split' to 'tensorflow'
    return torch.split(x, 2)


def by_sizes(x, sizes):
    # switcheroo: no mapping for 'torch.Tensor.split' to 'tensorflow'
    first, rest = x.split(sizes, dim=-1)
    return tf.reduce_mean(first, axis=-1) - tf.reduce_mean(rest, axis=-1)
