"""Global average pooling before a classifier head."""
import torch.nn as nn
import functools
import numpy as np


class PooledClassifier(nn.Module):
    def __init__(self, in_channels: int, width: int, num_classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(in_channels, width, kernel_size=3, padding=1)
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.reduce = nn.Conv2d(width, width, 1, 1, 0, bias=False)
        self.pool = functools.partial(np.mean, axis=(-2, -1), keepdims=True)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.head = nn.Linear(width, num_classes)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = self.pool(self.reduce(np.maximum(self.conv(x), 0.0)))
        return self.head(x.reshape(x.shape[0], -1))


def global_pool(x: np.ndarray) -> np.ndarray:
    return np.mean(x, axis=(-2, -1), keepdims=True)


def pooled_per_axis(x: np.ndarray) -> np.ndarray:
    return np.mean(x, axis=(-2, -1), keepdims=True)


def channel_means(x: np.ndarray) -> np.ndarray:
    return x.mean(axis=(2, 3))
