import torch
import torch.nn as nn
import torch.nn.functional as F


class Pooled(nn.Module):
    """Adaptive average pools to sizes that do not divide the input: PyTorch's windows overlap."""

    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(3, channels, kernel_size=3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d((3, 2))
        self.square = nn.AdaptiveAvgPool2d(4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv(x)
        return self.pool(y) + F.adaptive_avg_pool2d(self.square(y), (3, 2))
