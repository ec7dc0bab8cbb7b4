"""Group normalization: a residual block of a diffusion U-Net, and the same by hand."""
import torch.nn as nn
import jax
import jax.numpy as jnp
from praxis import base_layer


class GroupNormBlock(base_layer.BaseLayer):
    channels: int = 0
    groups: int = 8
    def setup(self):
        # switcheroo: cannot convert 'torch.nn.GroupNorm' to 'paxml': praxis.layers.GroupNorm takes the input rank as a field and defaults epsilon to 1e-3: not converted yet
        self.norm1 = nn.GroupNorm(self.groups, self.channels)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
        self.conv1 = nn.Conv2d(self.channels, self.channels, kernel_size=3, padding=1)
        # switcheroo: cannot convert 'torch.nn.GroupNorm' to 'paxml': praxis.layers.GroupNorm takes the input rank as a field and defaults epsilon to 1e-3: not converted yet
        self.norm2 = nn.GroupNorm(self.groups, self.channels, eps=1e-6, affine=False)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
        self.conv2 = nn.Conv2d(self.channels, self.channels, kernel_size=3, padding=1)

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
