"""Weight normalization: each output row of a weight is a direction times a learned length."""
import jax.numpy as jnp


def weight_norm(v, g):
    # v: (out, in); g: (out,)
    return g[:, None] * v / jnp.linalg.norm(v, axis=1, keepdims=True)


def linear_weight_norm(x, v, g, bias):
    return jnp.matmul(x, weight_norm(v, g).T) + bias
