"""Convolutions that keep the spatial size: padding='same'."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SameConvBlock(nn.Module):
    def __init__(self, in_channels: int, width: int = 32):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, width, kernel_size=3, padding="same")
        self.dilated = nn.Conv2d(width, width, kernel_size=3, padding="same", dilation=2, bias=False)
        self.wide = nn.Conv2d(width, width, kernel_size=(1, 5), padding="same")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.conv(x))
        x = F.relu(self.dilated(x))
        return x + self.wide(x)
