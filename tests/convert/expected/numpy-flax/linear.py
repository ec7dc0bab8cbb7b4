"""An affine map and logistic regression on NumPy arrays."""
import jax.numpy as jnp


def affine(x, weight, bias):
    return jnp.matmul(x, weight.T) + bias


def logistic(x, weight, bias):
    return 1.0 / (1.0 + jnp.exp(-affine(x, weight, bias)))
