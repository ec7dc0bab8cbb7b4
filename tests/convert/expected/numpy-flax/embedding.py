"""Embedding lookup and mean pooling."""
import jax.numpy as jnp


def embed_mean(table, tokens):
    vectors = table[tokens]
    return jnp.mean(vectors, axis=1)
