"""Splitting tensors into parts."""
import itertools
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
    head, body, tail = keras.ops.split(x, [1, 3], axis=1)
    return keras.ops.sum(head, axis=1) + keras.ops.sum(body, axis=1) + keras.ops.sum(tail, axis=1)


def pieces(x):
    return keras.ops.split(x, list(range(2, x.shape[0], 2)))


def by_sizes(x, sizes):
    first, rest = keras.ops.split(x, list(itertools.accumulate(sizes))[:-1], axis=-1)
    return keras.ops.mean(first, axis=-1) - keras.ops.mean(rest, axis=-1)
