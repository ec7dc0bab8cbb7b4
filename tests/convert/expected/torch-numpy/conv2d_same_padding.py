"""Convolutions that keep the spatial size: padding='same'."""
import torch.nn as nn
import numpy as np


class SameConvBlock(nn.Module):
    def __init__(self, in_channels: int, width: int = 32):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(in_channels, width, kernel_size=3, padding="same")
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.dilated = nn.Conv2d(width, width, kernel_size=3, padding="same", dilation=2, bias=False)
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.wide = nn.Conv2d(width, width, kernel_size=(1, 5), padding="same")

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = np.maximum(self.conv(x), 0.0)
        x = np.maximum(self.dilated(x), 0.0)
        return x + self.wide(x)
