"""Group normalization of (N, C, H, W) feature maps, by hand."""
import jax.numpy as jnp


def group_norm(x, groups, eps=1e-5):
    n, c, h, w = x.shape
    grouped = x.reshape(n, groups, -1)
    mean = grouped.mean(axis=-1, keepdims=True)
    var = jnp.var(grouped, axis=-1, keepdims=True)
    return ((grouped - mean) / jnp.sqrt(var + eps)).reshape(n, c, h, w)
