"""Elementwise functions of arrays: rectifiers and friends."""
import numpy as np
import jax.numpy as jnp


def rectify(x):
    return jnp.maximum(x, 0.0) + jnp.maximum(-x, 0.0) * 0.5


def squash(x):
    return jnp.clip(jnp.tanh(x), -0.5, 0.5)


def smooth(x):
    # switcheroo: no mapping for 'numpy.abs' to 'flax'
    return jnp.exp(-np.abs(x)) + jnp.sqrt(jnp.square(x) + 1.0)
