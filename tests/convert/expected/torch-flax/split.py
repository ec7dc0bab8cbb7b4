"""Splitting tensors into parts."""
import jax.numpy as jnp


def halves(x):
    first, second = jnp.split(x, 2, axis=-1)
    return first * second


def thirds(x):
    return jnp.array_split(x, 3, axis=0)


def qkv(x):
    q, k, v = jnp.split(x, 3, axis=-1)
    return q + k + v
