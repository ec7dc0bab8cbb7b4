"""Axis numbers written about images: they follow the converted model's layout."""
import torch.nn as nn
import numpy as np


class SqueezeExcite(nn.Module):
    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.fc1 = nn.Linear(channels, channels // reduction)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.fc2 = nn.Linear(channels // reduction, channels)

    def forward(self, x: np.ndarray) -> np.ndarray:
        y = np.maximum(self.conv(x), 0.0)
        weights = y.mean(axis=(2, 3))
        weights = 1 / (1 + np.exp(-self.fc2(np.maximum(self.fc1(weights), 0.0))))
        return y * weights[:, :, None, None]


class TwoBranch(nn.Module):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.left = nn.Conv2d(channels, channels, kernel_size=1)
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.right = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        # switcheroo: cannot convert 'torch.nn.MaxPool2d' to 'numpy': no value for 'input'
        self.pool = nn.MaxPool2d(2)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.head = nn.Linear(2 * channels, classes)

    def forward(self, x: np.ndarray) -> np.ndarray:
        both = np.concatenate([self.left(x), self.right(x)], axis=1)
        both = self.pool(both)
        channels = both.shape[1]
        scores = np.exp(both - np.max(both, axis=1, keepdims=True)) / np.sum(np.exp(both - np.max(both, axis=1, keepdims=True)), axis=1, keepdims=True)
        tokens = scores.reshape(scores.shape[:2] + (-1,)).swapaxes(1, 2)
        peak = np.amax(scores, axis=(2, 3))
        assert tokens.shape[-1] == channels
        return self.head(tokens.mean(axis=1)) + peak.sum()


class Head(nn.Module):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(3, channels, kernel_size=3, padding=1)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.fc = nn.Linear(channels * 8 * 8, classes)

    def forward(self, images: np.ndarray) -> np.ndarray:
        features = np.maximum(self.conv(images), 0.0)
        first_row = features[:, :, 0]
        return self.fc(features.reshape(features.shape[0], -1)) + first_row.sum()


def channel_shuffle(x: np.ndarray, groups: int) -> np.ndarray:
    batch, channels, height, width = x.shape
    x = x.reshape(batch, groups, channels // groups, height, width)
    return x.swapaxes(1, 2).reshape(batch, channels, height, width)


class ShuffleBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(channels, channels, kernel_size=1)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return channel_shuffle(np.maximum(self.conv(x), 0.0), 2)
