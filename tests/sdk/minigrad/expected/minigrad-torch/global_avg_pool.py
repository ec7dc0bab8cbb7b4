"""Global average pooling before a classifier head."""
import torch
import torch.nn.functional as F
from torch import nn


class PooledClassifier(nn.Module):
    def __init__(self, in_channels: int, width: int, num_classes: int):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, width, kernel_size=3, padding=1)
        self.reduce = nn.Conv2d(width, width, 1, stride=1, padding=0, bias=False)
        self.pool = nn.AdaptiveAvgPool2d(output_size=1)
        self.head = nn.Linear(width, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(self.reduce(torch.relu(self.conv(x))))
        return self.head(torch.flatten(x, 1))


def global_pool(x: torch.Tensor) -> torch.Tensor:
    return F.adaptive_avg_pool2d(x, output_size=1)


def pooled_per_axis(x: torch.Tensor) -> torch.Tensor:
    return F.adaptive_avg_pool2d(x, output_size=1)


def channel_means(x: torch.Tensor) -> torch.Tensor:
    return x.mean(dim=(2, 3))
