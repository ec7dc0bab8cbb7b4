"""Masking scores before a softmax."""
import jax.numpy as jnp


def masked_scores(scores, mask):
    return jnp.where(mask, -1e9, scores)


def softmax(x, axis=-1):
    shifted = x - jnp.max(x, axis=axis, keepdims=True)
    e = jnp.exp(shifted)
    return e / jnp.sum(e, axis=axis, keepdims=True)
