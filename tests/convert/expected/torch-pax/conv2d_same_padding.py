"""Convolutions that keep the spatial size: padding='same'."""
import torch.nn as nn
import jax


class SameConvBlock(nn.Module):
    def __init__(self, in_channels: int, width: int = 32):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv = nn.Conv2d(in_channels, width, kernel_size=3, padding="same")
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.dilated = nn.Conv2d(width, width, kernel_size=3, padding="same", dilation=2, bias=False)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.wide = nn.Conv2d(width, width, kernel_size=(1, 5), padding="same")

    def forward(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.conv(x))
        x = jax.nn.relu(self.dilated(x))
        return x + self.wide(x)
