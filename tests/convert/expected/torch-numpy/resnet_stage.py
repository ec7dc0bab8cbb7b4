"""A ResNet stage built by a method, as torchvision's ResNet builds its layers."""
import torch.nn as nn
import numpy as np


class ConvBlock(nn.Module):
    def __init__(self, channels: int, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'numpy': given as a value it stands for a class, and 'numpy' has no class for it
            norm_layer = nn.BatchNorm2d
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1, bias=False)
        self.norm = norm_layer(channels)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x + self.norm(self.conv(x)), 0.0)


class Stage(nn.Module):
    def __init__(self, channels: int, blocks: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.stem = nn.Conv2d(3, channels, kernel_size=7, stride=2, padding=3)
        self.blocks = self._make_blocks(channels, blocks)

    def _make_blocks(self, channels: int, count: int) -> nn.Sequential:
        # switcheroo: no mapping for 'torch.nn.Sequential' to 'numpy'
        return nn.Sequential(*[ConvBlock(channels) for _ in range(count)])

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.blocks(self.stem(x))
