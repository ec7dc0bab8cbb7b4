"""Stateful randomness in plain functions: dropout, noise and sampling."""
import jax
import jax.numpy as jnp


def dropout_features(key: jax.Array, x: jax.Array, rate: float = 0.1) -> jax.Array:
    return jnp.where(jax.random.bernoulli(key, 1 - rate, x.shape), x / (1 - rate), 0)


def noisy(key: jax.Array, x: jax.Array, scale: float) -> jax.Array:
    key1, key2 = jax.random.split(key)
    noise = jax.random.normal(key1, x.shape, dtype=x.dtype)
    mask = jax.random.uniform(key2, (x.shape[0], 1)) < 0.5
    return x + scale * noise * mask


def sample_batch(key: jax.Array, data: jax.Array, batch: int) -> jax.Array:
    order = jax.random.permutation(key, data.shape[0])
    return data[order[:batch]]


def init_weight(key: jax.Array, rows: int, cols: int) -> jax.Array:
    return jax.random.normal(key, (rows, cols)) / cols**0.5


def main():
    key = jax.random.key(0)
    key1, key2, key3, key4 = jax.random.split(key, 4)
    weight = init_weight(key1, 4, 3)
    x = jax.random.normal(key2, (8, 4))
    return dropout_features(key3, noisy(key4, x @ weight, 0.1))
