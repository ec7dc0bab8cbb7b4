"""A small convolutional feature extractor."""
import torch.nn as nn
import numpy as np


class ConvNet(nn.Module):
    def __init__(self, in_channels: int = 3, width: int = 16):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv1 = nn.Conv2d(in_channels, width, kernel_size=3, padding=1)
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv2 = nn.Conv2d(width, width * 2, kernel_size=3, stride=2, padding=1, bias=False)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = np.maximum(self.conv1(x), 0.0)
        return np.maximum(self.conv2(x), 0.0)
