"""Convolution, batch normalization, ReLU: the usual stem block."""
import torch.nn as nn
import jax
from praxis import base_layer


class ConvBNReLU(base_layer.BaseLayer):
    in_channels: int = 0
    out_channels: int = 0
    def setup(self):
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
        self.conv = nn.Conv2d(self.in_channels, self.out_channels, kernel_size=3, padding=1, bias=False)
        # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': praxis.layers.BatchNorm has no epsilon field (and its decay is 1 - momentum): not converted yet
        self.bn = nn.BatchNorm2d(self.out_channels)
        self.relu = jax.nn.relu

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.relu(self.bn(self.conv(x)))
