"""Convolution, batch normalization, ReLU: the usual stem block."""
import torch.nn as nn
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class ConvBNReLU(base_layer.BaseLayer):
    in_channels: int = 0
    out_channels: int = 0
    def setup(self):
        self.create_child('conv', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.in_channels, self.out_channels), filter_stride=(1, 1), padding='SAME', bias=False))
        # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': 'praxis.layers.BatchNorm' implies eps=0.001, not the default 1e-05
        self.bn = nn.BatchNorm2d(self.out_channels)
        self.relu = jax.nn.relu

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.relu(self.bn(self.conv(x)))
