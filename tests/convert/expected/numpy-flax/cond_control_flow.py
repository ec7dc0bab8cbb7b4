"""Data-dependent choices: elementwise with np.where, whole values with if."""
import jax.numpy as jnp


def soft_clip(x, limit):
    return jnp.where(jnp.abs(x) > limit, jnp.sign(x) * limit, x)


def leaky(x):
    return jnp.where(x > 0, x, 0.01 * x)


def normalize_if_large(x):
    norm = jnp.sqrt(jnp.sum(x * x))
    if norm > 1.0:
        return x / norm
    return x
