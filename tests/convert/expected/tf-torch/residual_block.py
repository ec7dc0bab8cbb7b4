"""A residual block: two 'same' convolutions with batch normalization and a skip connection."""
import torch
from torch import nn


class ResidualBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels=channels, out_channels=channels, kernel_size=3, padding='same', bias=False)
        self.bn1 = nn.BatchNorm2d(num_features=channels, eps=1e-05, momentum=0.01)
        self.conv2 = nn.Conv2d(in_channels=channels, out_channels=channels, kernel_size=3, padding='same', bias=False)
        self.bn2 = nn.BatchNorm2d(num_features=channels, eps=1e-05, momentum=0.01)

    def forward(self, x: torch.Tensor, training=None) -> torch.Tensor:
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + x)
