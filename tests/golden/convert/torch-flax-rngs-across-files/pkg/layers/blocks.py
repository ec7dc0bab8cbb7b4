import torch
from torch import nn


class SqueezeBlock(nn.Module):
    """Builds convolutions: takes rngs once converted."""

    def __init__(self, channels: int, squeezed: int) -> None:
        super().__init__()
        self.fc1 = nn.Conv2d(channels, squeezed, 1)
        self.fc2 = nn.Conv2d(squeezed, channels, 1)

    def forward(self, x):
        return x * torch.sigmoid(self.fc2(torch.relu(self.fc1(x))))


class Scale(nn.Module):
    """Builds no layer: takes no rngs."""

    def __init__(self, factor: float) -> None:
        super().__init__()
        self.factor = factor

    def forward(self, x):
        return x * self.factor


def make_block(channels):
    return SqueezeBlock(channels, channels // 2)
