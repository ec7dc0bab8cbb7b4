"""Convolutions that keep the spatial size: padding='same'."""
import mlx.core as mx
from mlx import nn


class SameConvBlock(nn.Module):
    def __init__(self, in_channels: int, width: int = 32):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, width, kernel_size=3, padding=1)
        self.dilated = nn.Conv2d(width, width, kernel_size=3, padding=2, dilation=2, bias=False)
        self.wide = nn.Conv2d(width, width, kernel_size=(1, 5), padding=(0, 2))

    def __call__(self, x: mx.array) -> mx.array:
        x = nn.relu(self.conv(x))
        x = nn.relu(self.dilated(x))
        return x + self.wide(x)
