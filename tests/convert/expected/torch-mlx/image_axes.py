"""Axis numbers written about images: they follow the converted model's layout."""
import mlx.core as mx
from mlx import nn


class SqueezeExcite(nn.Module):
    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(channels, channels // reduction)
        self.fc2 = nn.Linear(channels // reduction, channels)

    def __call__(self, x: mx.array) -> mx.array:
        y = nn.relu(self.conv(x))
        weights = y.mean(axis=(1, 2))
        weights = mx.sigmoid(self.fc2(nn.relu(self.fc1(weights))))
        return y * weights[:, None, None, :]


class TwoBranch(nn.Module):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        self.left = nn.Conv2d(channels, channels, kernel_size=1)
        self.right = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Linear(2 * channels, classes)

    def __call__(self, x: mx.array) -> mx.array:
        both = mx.concatenate([self.left(x), self.right(x)], axis=3)
        both = self.pool(both)
        channels = both.shape[3]
        scores = mx.softmax(both, axis=3)
        tokens = scores.reshape(scores.shape[:1] + (-1,) + scores.shape[3:])
        peak = mx.max(scores, axis=(1, 2))
        assert tokens.shape[-1] == channels
        return self.head(tokens.mean(axis=1)) + peak.sum()


class Head(nn.Module):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        self.conv = nn.Conv2d(3, channels, kernel_size=3, padding=1)
        self.fc = nn.Linear(channels * 8 * 8, classes)

    def __call__(self, images: mx.array) -> mx.array:
        features = nn.relu(self.conv(images))
        first_row = features.transpose(0, 3, 1, 2)[:, :, 0]
        return self.fc(features.reshape(features.shape[0], -1)) + first_row.sum()


def channel_shuffle(x: mx.array, groups: int) -> mx.array:
    batch, channels, height, width = x.shape
    x = x.reshape(batch, groups, channels // groups, height, width)
    return x.swapaxes(1, 2).reshape(batch, channels, height, width)


class ShuffleBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=1)

    def __call__(self, x: mx.array) -> mx.array:
        return channel_shuffle(nn.relu(self.conv(x)).transpose(0, 3, 1, 2), 2).transpose(0, 2, 3, 1)
