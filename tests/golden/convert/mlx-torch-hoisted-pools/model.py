"""Pools built in the constructor for functional pools (golden torch-mlx-hoisted-pools) read
back: each stays a PyTorch pool layer, built in __init__ and called where the function was."""
import mlx.core as mx
from mlx import nn


class Pools(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.max_pool2d = nn.MaxPool2d(2)
        self.max_pool2d_2 = nn.MaxPool2d(kernel_size=(2, 2), stride=1)
        self.avg_pool2d = nn.AvgPool2d(2)

    def __call__(self, x: mx.array) -> mx.array:
        x = self.max_pool2d_2(nn.relu(self.conv(x)))
        x = self.max_pool2d(x)
        y = self.avg_pool2d(x)
        return y
