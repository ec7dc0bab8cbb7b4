"""Convolutions that keep the spatial size: padding='same'."""
import torch.nn as nn
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class SameConvBlock(base_layer.BaseLayer):
    in_channels: int = 0
    width: int = 32
    def setup(self):
        self.create_child('conv', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.in_channels, self.width), filter_stride=(1, 1), padding='SAME', bias=True))
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': 'praxis.layers.Conv2D' has no 'dilation' (only its default converts)
        self.dilated = nn.Conv2d(self.width, self.width, kernel_size=3, padding="same", dilation=2, bias=False)
        self.create_child('wide', pax_fiddle.Config(pl.Conv2D, filter_shape=(1, 5, self.width, self.width), filter_stride=(1, 1), padding='SAME', bias=True))

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.conv(x))
        x = jax.nn.relu(self.dilated(x))
        return x + self.wide(x)
