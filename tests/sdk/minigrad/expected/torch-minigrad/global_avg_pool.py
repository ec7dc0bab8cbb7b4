"""Global average pooling before a classifier head."""
import minigrad as mg
from minigrad import nn


class PooledClassifier(nn.Module):
    def setup(self, in_channels: int, width: int, num_classes: int):
        self.conv = nn.Conv2d(in_channels, width, window=3, padding=1)
        self.reduce = nn.Conv2d(width, width, 1, stride=1, padding=0, with_bias=False)
        self.pool = nn.GlobalAvgPool2d()
        self.head = nn.Dense(width, num_classes)

    def call(self, x: mg.Array) -> mg.Array:
        x = self.pool(self.reduce(mg.relu(self.conv(x))))
        return self.head(mg.flatten(x, 1))


def global_pool(x: mg.Array) -> mg.Array:
    return mg.mean(x, axis=(1, 2), keepdims=True)


def pooled_per_axis(x: mg.Array) -> mg.Array:
    return mg.mean(x, axis=(1, 2), keepdims=True)


def channel_means(x: mg.Array) -> mg.Array:
    return x.mean(axis=(2, 3))
