"""A ResNet basic block with an optional projection shortcut."""
import torch.nn as nn
import numpy as np


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> nn.Conv2d:
    # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
    return nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.conv1 = conv3x3(in_channels, out_channels, stride)
        # switcheroo: no mapping for 'torch.nn.BatchNorm2d' to 'numpy'
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = conv3x3(out_channels, out_channels)
        # switcheroo: no mapping for 'torch.nn.BatchNorm2d' to 'numpy'
        self.bn2 = nn.BatchNorm2d(out_channels)
        # switcheroo: no mapping for 'torch.nn.Sequential' to 'numpy'
        self.shortcut = nn.Sequential()
        if stride != 1 or in_channels != out_channels:
            # switcheroo: no mapping for 'torch.nn.Sequential' to 'numpy'
            # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
            # switcheroo: no mapping for 'torch.nn.BatchNorm2d' to 'numpy'
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x: np.ndarray) -> np.ndarray:
        out = np.maximum(self.bn1(self.conv1(x)), 0.0)
        out = self.bn2(self.conv2(out))
        return np.maximum(out + self.shortcut(x), 0.0)

