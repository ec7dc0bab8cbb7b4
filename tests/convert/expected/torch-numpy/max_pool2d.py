"""Convolution followed by 2x2 max pooling, as a layer and as a function, then a 3x3 pool with
stride 2 that keeps the partial window at the edge (ceil_mode, as in GoogLeNet and SqueezeNet)."""
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
        # switcheroo: no mapping for 'torch.nn.MaxPool2d' to 'numpy'
        self.edge_pool = nn.MaxPool2d(3, stride=2, ceil_mode=True)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = self.pool(np.maximum(self.conv(x), 0.0))
        # switcheroo: no mapping for 'torch.nn.functional.max_pool2d' to 'numpy'
        x = F.max_pool2d(x, 2, stride=1)
        return self.edge_pool(x)
