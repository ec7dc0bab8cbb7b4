"""Splitting tensors into parts."""
import itertools
import jax.numpy as jnp


def halves(x):
    first, second = jnp.split(x, 2, axis=-1)
    return first * second


def thirds(x):
    return jnp.array_split(x, 3, axis=0)


def qkv(x):
    q, k, v = jnp.split(x, 3, axis=-1)
    return q + k + v


def uneven(x):
    head, body, tail = jnp.split(x, [1, 3], axis=1)
    return head.sum(axis=1) + body.sum(axis=1) + tail.sum(axis=1)


def pieces(x):
    return jnp.split(x, list(range(2, x.shape[0], 2)))


def by_sizes(x, sizes):
    first, rest = jnp.split(x, list(itertools.accumulate(sizes))[:-1], axis=-1)
    return first.mean(axis=-1) - rest.mean(axis=-1)
