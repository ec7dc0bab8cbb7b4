"""Convolution, batch normalization, ReLU: the usual stem block."""
import torch.nn as nn
import numpy as np


class ConvBNReLU(nn.Module):
    def __init__(self, in_channels: int, out_channels: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False)
        # switcheroo: no mapping for 'torch.nn.BatchNorm2d' to 'numpy'
        self.bn = nn.BatchNorm2d(out_channels)
        # switcheroo: cannot convert 'torch.nn.ReLU' to 'numpy': no value for 'input'
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.relu(self.bn(self.conv(x)))
