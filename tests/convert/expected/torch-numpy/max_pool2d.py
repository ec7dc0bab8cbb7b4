"""Convolution followed by 2x2 max pooling, as a layer and as a function."""
import torch.nn as nn
import torch.nn.functional as F
import numpy as np


class ConvPool(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        # switcheroo: no mapping for 'torch.nn.MaxPool2d' to 'numpy'
        self.pool = nn.MaxPool2d(kernel_size=2)

    def forward(self, x: np.ndarray) -> np.ndarray:
        # switcheroo: no mapping for 'torch.nn.functional.relu' to 'numpy'
        x = self.pool(F.relu(self.conv(x)))
        # switcheroo: no mapping for 'torch.nn.functional.max_pool2d' to 'numpy'
        return F.max_pool2d(x, 2, stride=1)
