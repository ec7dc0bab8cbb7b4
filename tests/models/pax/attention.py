"""Scaled dot-product attention inside a Praxis model, written with jax.numpy."""
import jax
import jax.numpy as jnp
from praxis import base_layer

JTensor = base_layer.JTensor


def dot_product_attention(q: JTensor, k: JTensor, v: JTensor, mask: JTensor) -> JTensor:
    scores = jnp.matmul(q, jnp.swapaxes(k, -2, -1)) / jnp.sqrt(q.shape[-1])
    scores = jnp.where(mask, scores, -1e9)
    return jnp.matmul(jax.nn.softmax(scores, axis=-1), v)


def split_heads(x: JTensor, heads: int) -> JTensor:
    b, t, d = x.shape
    return jnp.swapaxes(jnp.reshape(x, (b, t, heads, d // heads)), 1, 2)


def merge_heads(x: JTensor) -> JTensor:
    b, h, t, d = x.shape
    return jnp.reshape(jnp.swapaxes(x, 1, 2), (b, t, h * d))
