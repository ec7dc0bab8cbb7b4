"""A ResNet stage built by a method that threads the random streams (channels last)."""
from flax import nnx
import torch
from torch import nn


class ConvBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding='same', bias=False)
        self.norm = nn.BatchNorm2d(channels, momentum=0.01)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(x + self.norm(self.conv(x)))


class Stage(nn.Module):
    def __init__(self, channels: int, blocks: int):
        super().__init__()
        # switcheroo: cannot convert 'flax.nnx.Conv' to 'torch': 'torch.nn.Conv2d' takes padding='same' only with stride 1 ('same' with strides 2 pads by the input size)
        self.stem = nnx.Conv(3, channels, kernel_size=(7, 7), strides=2, rngs=rngs)
        self.blocks = self._make_blocks(channels, blocks)

    def _make_blocks(self, channels: int, count: int) -> nn.Sequential:
        return nn.Sequential(*[ConvBlock(channels) for _ in range(count)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.blocks(self.stem(x))
