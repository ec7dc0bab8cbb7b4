"""A ResNet stage built by a method, as torchvision's ResNet builds its layers."""
import mlx.core as mx
from mlx import nn


class ConvBlock(nn.Module):
    def __init__(self, channels: int, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1, bias=False)
        self.norm = norm_layer(channels)

    def __call__(self, x: mx.array) -> mx.array:
        return nn.relu(x + self.norm(self.conv(x)))


class Stage(nn.Module):
    def __init__(self, channels: int, blocks: int):
        super().__init__()
        self.stem = nn.Conv2d(3, channels, kernel_size=7, stride=2, padding=3)
        self.blocks = self._make_blocks(channels, blocks)

    def _make_blocks(self, channels: int, count: int) -> nn.Sequential:
        return nn.Sequential(*[ConvBlock(channels) for _ in range(count)])

    def __call__(self, x: mx.array) -> mx.array:
        return self.blocks(self.stem(x))
