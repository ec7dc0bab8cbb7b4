"""Group normalization: a residual block of a diffusion U-Net (channels last)."""
import torch
import torch.nn.functional as F
from torch import nn


class GroupNormBlock(nn.Module):
    def __init__(self, channels: int, groups: int = 8):
        super().__init__()
        self.norm1 = nn.GroupNorm(num_groups=groups, num_channels=channels, eps=1e-06)
        self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding='same')
        self.norm2 = nn.GroupNorm(num_groups=groups, num_channels=channels, eps=1e-06, affine=False)
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding='same')

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.conv1(F.silu(self.norm1(x)))
        h = self.conv2(F.silu(self.norm2(h)))
        return x + h
