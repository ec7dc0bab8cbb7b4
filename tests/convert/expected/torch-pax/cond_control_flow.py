"""Data-dependent choices: elementwise with torch.where, whole values with if."""
import jax
import jax.numpy as jnp


def soft_clip(x: jax.Array, limit: float) -> jax.Array:
    return jnp.where(jnp.abs(x) > limit, jnp.sign(x) * limit, x)


def leaky(x: jax.Array) -> jax.Array:
    return jnp.where(x > 0, x, 0.01 * x)


def normalize_if_large(x: jax.Array) -> jax.Array:
    norm = jnp.sqrt(jnp.sum(x * x))
    if norm > 1.0:
        return x / norm
    return x
