"""Convolution, batch normalization, ReLU: the usual stem block."""
import mlx.core as mx
from mlx import nn


class ConvBNReLU(nn.Module):
    def __init__(self, in_channels: int, out_channels: int):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False)
        self.bn = nn.BatchNorm(out_channels)
        self.relu = nn.ReLU()

    def __call__(self, x: mx.array) -> mx.array:
        return self.relu(self.bn(self.conv(x)))
