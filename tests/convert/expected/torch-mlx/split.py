"""Splitting tensors into parts."""
import itertools
import mlx.core as mx


def halves(x):
    first, second = mx.split(x, 2, axis=-1)
    return first * second


def thirds(x):
    return mx.split(x, 3, axis=0)


def qkv(x):
    q, k, v = mx.split(x, 3, axis=-1)
    return q + k + v


def uneven(x):
    head, body, tail = mx.split(x, [1, 3], axis=1)
    return head.sum(axis=1) + body.sum(axis=1) + tail.sum(axis=1)


def pieces(x):
    return mx.split(x, list(range(2, x.shape[0], 2)))


def by_sizes(x, sizes):
    first, rest = mx.split(x, list(itertools.accumulate(sizes))[:-1], axis=-1)
    return first.mean(axis=-1) - rest.mean(axis=-1)
