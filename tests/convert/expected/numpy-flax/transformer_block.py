"""A pre-norm transformer block: single-head self-attention, then a ReLU MLP."""
import jax.numpy as jnp


def softmax(x, axis=-1):
    shifted = x - jnp.max(x, axis=axis, keepdims=True)
    e = jnp.exp(shifted)
    return e / jnp.sum(e, axis=axis, keepdims=True)


def normalize(x, eps=1e-5):
    mean = jnp.mean(x, axis=-1, keepdims=True)
    return (x - mean) / jnp.sqrt(jnp.var(x, axis=-1, keepdims=True) + eps)


def self_attention(x, wq, wk, wv):
    q, k, v = jnp.matmul(x, wq), jnp.matmul(x, wk), jnp.matmul(x, wv)
    scores = jnp.matmul(q, jnp.swapaxes(k, -1, -2)) / jnp.sqrt(q.shape[-1])
    return jnp.matmul(softmax(scores), v)


def transformer_block(x, wq, wk, wv, w1, w2):
    x = x + self_attention(normalize(x), wq, wk, wv)
    return x + jnp.matmul(jnp.maximum(jnp.matmul(normalize(x), w1), 0.0), w2)
