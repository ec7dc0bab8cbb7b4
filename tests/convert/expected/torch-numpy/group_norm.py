"""Group normalization: a residual block of a diffusion U-Net, and the same by hand."""
import torch.nn as nn
import numpy as np


class GroupNormBlock(nn.Module):
    def __init__(self, channels: int, groups: int = 8):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.GroupNorm' to 'numpy'
        self.norm1 = nn.GroupNorm(groups, channels)
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        # switcheroo: no mapping for 'torch.nn.GroupNorm' to 'numpy'
        self.norm2 = nn.GroupNorm(groups, channels, eps=1e-6, affine=False)
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)

    def forward(self, x: np.ndarray) -> np.ndarray:
        h = self.conv1(self.norm1(x) / (1 + np.exp(-self.norm1(x))))
        h = self.conv2(self.norm2(h) / (1 + np.exp(-self.norm2(h))))
        return x + h


def group_norm(x: np.ndarray, groups: int, eps: float = 1e-5) -> np.ndarray:
    n, c, h, w = x.shape
    grouped = x.reshape(n, groups, -1)
    mean = grouped.mean(axis=-1, keepdims=True)
    var = np.var(grouped, axis=-1, ddof=0, keepdims=True)
    return ((grouped - mean) / np.sqrt(var + eps)).reshape(n, c, h, w)
