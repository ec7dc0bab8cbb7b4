"""Elementwise functions of arrays: rectifiers and friends."""
import jax.numpy as jnp


def rectify(x):
    return jnp.maximum(x, 0.0) + jnp.maximum(-x, 0.0) * 0.5


def squash(x):
    return jnp.clip(jnp.tanh(x), -0.5, 0.5)


def smooth(x):
    return jnp.exp(-jnp.abs(x)) + jnp.sqrt(jnp.square(x) + 1.0)
