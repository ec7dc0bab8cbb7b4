"""Group normalization: a residual block of a diffusion U-Net, and the same by hand."""
import torch.nn as nn
import jax
import jax.numpy as jnp


class GroupNormBlock(nn.Module):
    def __init__(self, channels: int, groups: int = 8):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.GroupNorm' to 'paxml': praxis.layers.GroupNorm takes dim and num_groups as hyper-parameter fields: Praxis layers are not converted yet
        self.norm1 = nn.GroupNorm(groups, channels)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        # switcheroo: cannot convert 'torch.nn.GroupNorm' to 'paxml': praxis.layers.GroupNorm takes dim and num_groups as hyper-parameter fields: Praxis layers are not converted yet
        self.norm2 = nn.GroupNorm(groups, channels, eps=1e-6, affine=False)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)

    def forward(self, x: jax.Array) -> jax.Array:
        h = self.conv1(jax.nn.silu(self.norm1(x)))
        h = self.conv2(jax.nn.silu(self.norm2(h)))
        return x + h


def group_norm(x: jax.Array, groups: int, eps: float = 1e-5) -> jax.Array:
    n, c, h, w = x.shape
    grouped = x.reshape(n, groups, -1)
    mean = grouped.mean(axis=-1, keepdims=True)
    var = jnp.var(grouped, axis=-1, ddof=0, keepdims=True)
    return ((grouped - mean) / jnp.sqrt(var + eps)).reshape(n, c, h, w)
