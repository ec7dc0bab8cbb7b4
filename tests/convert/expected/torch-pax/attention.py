"""Scaled dot-product attention written out with tensor operations."""
import math

import jax
import jax.numpy as jnp


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = jnp.matmul(q, k.swapaxes(-2, -1)) / math.sqrt(d)
    scores = jnp.where(mask, float("-inf"), scores)
    weights = jax.nn.softmax(scores, axis=-1)
    return jnp.matmul(weights, v)


def causal_mask(n):
    return jnp.triu(jnp.ones((n, n)), k=1) > 0
