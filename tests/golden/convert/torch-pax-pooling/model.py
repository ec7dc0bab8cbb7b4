"""Pooling layers towards Praxis: pl.Pooling takes NHWC, windows and strides per axis, pads
'VALID' or 'SAME' only, and returns (out, paddings), which pl.Sequential would pass on to its
next layer as arguments: a pool inside an nn.Sequential is reported."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Pools(nn.Module):
    def __init__(self):
        super().__init__()
        self.max_pool = nn.MaxPool2d(2)
        self.avg_pool = nn.AvgPool2d(kernel_size=3, stride=2)
        self.edge_pool = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.padded_pool = nn.MaxPool2d(3, stride=1, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.max_pool(x)
        x = self.avg_pool(x)
        x = self.edge_pool(x)
        x = self.padded_pool(x)
        return F.max_pool2d(x, 2)


class Stack(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(channels, channels, 3, padding=1), nn.MaxPool2d(2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)
