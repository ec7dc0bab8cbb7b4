"""Global average pooling before a classifier head."""
import torch.nn as nn
import torch.nn.functional as F
import numpy as np


class PooledClassifier(nn.Module):
    def __init__(self, in_channels: int, width: int, num_classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(in_channels, width, kernel_size=3, padding=1)
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.reduce = nn.Conv2d(width, width, 1, 1, 0, bias=False)
        # switcheroo: no mapping for 'torch.nn.AdaptiveAvgPool2d' to 'numpy'
        self.pool = nn.AdaptiveAvgPool2d(1)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.head = nn.Linear(width, num_classes)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = self.pool(self.reduce(np.maximum(self.conv(x), 0.0)))
        return self.head(x.reshape(x.shape[0], -1))


def global_pool(x: np.ndarray) -> np.ndarray:
    # switcheroo: no mapping for 'torch.nn.functional.adaptive_avg_pool2d' to 'numpy'
    return F.adaptive_avg_pool2d(x, 1)


def pooled_per_axis(x: np.ndarray) -> np.ndarray:
    # switcheroo: no mapping for 'torch.nn.functional.adaptive_avg_pool2d' to 'numpy'
    return F.adaptive_avg_pool2d(x, (1, 1))


def channel_means(x: np.ndarray) -> np.ndarray:
    return x.mean(axis=(2, 3))
