"""Group normalization: a residual block of a diffusion U-Net, and the same by hand."""
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class GroupNormBlock(base_layer.BaseLayer):
    channels: int = 0
    groups: int = 8
    def setup(self):
        self.create_child('norm1', pax_fiddle.Config(pl.GroupNorm, num_groups=self.groups, dim=self.channels, epsilon=1e-05, input_rank=4))
        self.create_child('conv1', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.channels, self.channels), filter_stride=(1, 1), padding='SAME', bias=True))
        self.create_child('norm2', pax_fiddle.Config(pl.GroupNorm, num_groups=self.groups, dim=self.channels, epsilon=1e-6, use_scale=False, use_bias=False, input_rank=4))
        self.create_child('conv2', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.channels, self.channels), filter_stride=(1, 1), padding='SAME', bias=True))

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
