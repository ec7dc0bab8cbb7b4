"""Splitting tensors into parts."""
import torch
import keras


def halves(x):
    first, second = keras.ops.split(x, 2, axis=-1)
    return first * second


def thirds(x):
    return keras.ops.array_split(x, 3, axis=0)


def qkv(x):
    q, k, v = keras.ops.split(x, 3, axis=-1)
    return q + k + v


def uneven(x):
    # switcheroo: no mapping for 'torch.Tensor.split' to 'keras'
    head, body, tail = x.split([1, 2, 3], dim=1)
    return keras.ops.sum(head, axis=1) + keras.ops.sum(body, axis=1) + keras.ops.sum(tail, axis=1)


def pieces(x):
    # switcheroo: no mapping for 'torch.split' to 'keras'
    return torch.split(x, 2)


def by_sizes(x, sizes):
    # switcheroo: no mapping for 'torch.Tensor.split' to 'keras'
    first, rest = x.split(sizes, dim=-1)
    return keras.ops.mean(first, axis=-1) - keras.ops.mean(rest, axis=-1)
