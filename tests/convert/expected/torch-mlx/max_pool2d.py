"""Convolution followed by 2x2 max pooling, as a layer and as a function, then a 3x3 pool with
stride 2 that keeps the partial window at the edge (ceil_mode, as in GoogLeNet and SqueezeNet)."""
import mlx.core as mx
from mlx import nn


class ConvPool(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.pool = nn.MaxPool2d(kernel_size=2)
        self.edge_pool = nn.MaxPool2d(3, stride=2)
        self.max_pool2d = nn.MaxPool2d(2, stride=1)

    def __call__(self, x: mx.array) -> mx.array:
        x = self.pool(nn.relu(self.conv(x)))
        x = self.max_pool2d(x)
        return self.edge_pool(mx.pad(x, pad_width=((0, 0), (0, 1), (0, 1), (0, 0)), constant_values=float('-inf')))
