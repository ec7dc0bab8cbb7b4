"""Convolution, batch normalization, ReLU: the usual stem block."""
import torch.nn as nn
import jax


class ConvBNReLU(nn.Module):
    def __init__(self, in_channels: int, out_channels: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False)
        # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': praxis.layers.BatchNorm takes dim and decay (1 - momentum) as hyper-parameter fields: Praxis layers are not converted yet
        self.bn = nn.BatchNorm2d(out_channels)
        self.relu = jax.nn.relu

    def forward(self, x: jax.Array) -> jax.Array:
        return self.relu(self.bn(self.conv(x)))
