"""Convolutions that keep the spatial size: padding='same'."""
import torch.nn as nn
import jax
from praxis import base_layer


class SameConvBlock(base_layer.BaseLayer):
    in_channels: int = 0
    width: int = 32
    def setup(self):
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
        self.conv = nn.Conv2d(self.in_channels, self.width, kernel_size=3, padding="same")
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
        self.dilated = nn.Conv2d(self.width, self.width, kernel_size=3, padding="same", dilation=2, bias=False)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
        self.wide = nn.Conv2d(self.width, self.width, kernel_size=(1, 5), padding="same")

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.conv(x))
        x = jax.nn.relu(self.dilated(x))
        return x + self.wide(x)
