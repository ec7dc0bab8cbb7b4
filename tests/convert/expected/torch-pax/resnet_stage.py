"""A ResNet stage built by a method, as torchvision's ResNet builds its layers."""
import torch.nn as nn
import typing
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class ConvBlock(base_layer.BaseLayer):
    channels: int = 0
    norm_layer: typing.Any = None
    def setup(self):
        if self.norm_layer is None:
            # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': 'praxis.layers.BatchNorm' implies eps=0.001, not the default 1e-05
            self.norm_layer = nn.BatchNorm2d
        self.create_child('conv', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.channels, self.channels), filter_stride=(1, 1), padding='SAME', bias=False))
        self.norm = self.norm_layer(self.channels)

    def __call__(self, x: jax.Array) -> jax.Array:
        return jax.nn.relu(x + self.norm(self.conv(x)))


class Stage(base_layer.BaseLayer):
    channels: int = 0
    blocks_hparam: int = 0
    def setup(self):
        self.create_child('stem', pax_fiddle.Config(pl.Conv2D, filter_shape=(7, 7, 3, self.channels), filter_stride=(2, 2), padding='VALID', bias=True))
        self.blocks = self._make_blocks(self.channels, self.blocks_hparam)

    def _make_blocks(self, channels: int, count: int) -> pl.Sequential:
        return pl.Sequential(layers=[*[pax_fiddle.instantiate(pax_fiddle.Config(ConvBlock, channels=channels)) for _ in range(count)]])

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.blocks(self.stem(jnp.pad(x, pad_width=((0, 0), (3, 3), (3, 3), (0, 0)))))
