"""Flattening feature maps before a classifier."""
import jax.numpy as jnp


def flatten_features(x):
    return x.reshape(x.shape[0], -1)


def flatten_all(x):
    return jnp.ravel(x)


def merge_middle(x):
    return x.reshape(x.shape[0], -1, x.shape[-1])
