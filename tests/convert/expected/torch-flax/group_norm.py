"""Group normalization: a residual block of a diffusion U-Net, and the same by hand."""
import jax
import jax.numpy as jnp
from flax import nnx


class GroupNormBlock(nnx.Module):
    def __init__(self, channels: int, groups: int = 8, *, rngs: nnx.Rngs):
        self.norm1 = nnx.GroupNorm(channels, num_groups=groups, epsilon=1e-05, rngs=rngs)
        self.conv1 = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.norm2 = nnx.GroupNorm(channels, num_groups=groups, epsilon=1e-6, use_scale=False, use_bias=False, rngs=rngs)
        self.conv2 = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        h = self.conv1(jax.nn.silu(self.norm1(x)))
        h = self.conv2(jax.nn.silu(self.norm2(h)))
        return x + h


def group_norm(x: jax.Array, groups: int, eps: float = 1e-5) -> jax.Array:
    n, c, h, w = x.shape
    grouped = x.reshape(n, groups, -1)
    mean = grouped.mean(axis=-1, keepdims=True)
    var = jnp.var(grouped, axis=-1, ddof=0, keepdims=True)
    return ((grouped - mean) / jnp.sqrt(var + eps)).reshape(n, c, h, w)
