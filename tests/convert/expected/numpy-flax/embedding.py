"""Embedding lookup and mean pooling."""
import jax.numpy as jnp


def embed_mean(table, tokens):
    vectors = jnp.take(table, tokens, axis=0)
    return jnp.mean(vectors, axis=1)
