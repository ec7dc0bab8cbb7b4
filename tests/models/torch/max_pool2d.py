"""Convolution followed by 2x2 max pooling, as a layer and as a function."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvPool(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.pool = nn.MaxPool2d(kernel_size=2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(F.relu(self.conv(x)))
        return F.max_pool2d(x, 2, stride=1)
