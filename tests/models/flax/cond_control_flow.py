"""Data-dependent choices: elementwise with jnp.where, whole values with lax.cond."""
import jax
import jax.numpy as jnp


def soft_clip(x: jax.Array, limit: float) -> jax.Array:
    return jnp.where(jnp.abs(x) > limit, jnp.sign(x) * limit, x)


def _scaled_down(x):
    return x / jnp.sqrt(jnp.sum(x * x))


def _unchanged(x):
    return x


def normalize_if_large(x: jax.Array) -> jax.Array:
    return jax.lax.cond(jnp.sum(x * x) > 1.0, _scaled_down, _unchanged, x)


def shrink_or_grow(x: jax.Array, factor: float) -> jax.Array:
    return jax.lax.cond(jnp.max(x) > 0, lambda v, f: v / f, lambda v, f: v * f, x, factor)
