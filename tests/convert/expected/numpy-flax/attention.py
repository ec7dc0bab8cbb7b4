"""Scaled dot-product attention with NumPy."""
import math

import jax.numpy as jnp


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = jnp.matmul(q, jnp.matrix_transpose(k)) / math.sqrt(d)
    scores = jnp.where(mask, -jnp.inf, scores)
    scores = scores - jnp.max(scores, axis=-1, keepdims=True)
    weights = jnp.exp(scores)
    weights = weights / jnp.sum(weights, axis=-1, keepdims=True)
    return jnp.matmul(weights, v)


def causal_mask(n):
    return jnp.triu(jnp.ones((n, n)), k=1) > 0
