"""Masking scores before a softmax."""
import jax
import jax.numpy as jnp


def masked_softmax(scores, mask):
    scores = jnp.where(mask, -1e9, scores)
    return jax.nn.softmax(scores, axis=-1)


def zero_padding(x, pad_mask):
    return jnp.where(pad_mask, 0.0, x)
