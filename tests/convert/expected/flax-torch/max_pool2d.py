"""Convolution followed by 2x2 max pooling."""
import torch
import torch.nn.functional as F
from torch import nn


class ConvPool(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding='same')

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.conv(x))
        return F.max_pool2d(x, kernel_size=(2, 2), stride=(2, 2))
