"""Joining tensors along an existing or a new axis."""
import jax.numpy as jnp


def join_features(a, b):
    return jnp.concatenate([a, b], axis=1)


def join_rows(a, b, c):
    return jnp.concatenate((a, b, c))


def stack_pair(a, b):
    return jnp.stack([a, b], axis=-1)
