"""A small convolutional feature extractor."""
import torch.nn as nn
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class ConvNet(base_layer.BaseLayer):
    in_channels: int = 3
    width: int = 16
    def setup(self):
        self.create_child('conv1', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.in_channels, self.width), filter_stride=(1, 1), padding='SAME', bias=True))
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': value 1 of 'padding' has no equivalent in 'praxis.layers.Conv2D'
        self.conv2 = nn.Conv2d(self.width, self.width * 2, kernel_size=3, stride=2, padding=1, bias=False)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.conv1(x))
        return jax.nn.relu(self.conv2(x))
