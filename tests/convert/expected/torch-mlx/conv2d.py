"""A small convolutional feature extractor."""
import mlx.core as mx
from mlx import nn


class ConvNet(nn.Module):
    def __init__(self, in_channels: int = 3, width: int = 16):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, width, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(width, width * 2, kernel_size=3, stride=2, padding=1, bias=False)

    def __call__(self, x: mx.array) -> mx.array:
        x = nn.relu(self.conv1(x))
        return nn.relu(self.conv2(x))
