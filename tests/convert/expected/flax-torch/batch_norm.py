"""Convolution, batch normalization, ReLU: the usual stem block."""
import torch
from torch import nn


class ConvBNReLU(nn.Module):
    def __init__(self, in_channels: int, out_channels: int):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, padding='same', bias=False)
        self.bn = nn.BatchNorm2d(out_channels, momentum=0.01)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.bn(self.conv(x)))
