"""Convolution followed by 2x2 max pooling, as a layer and as a function, then a 3x3 pool with
stride 2 that keeps the partial window at the edge (ceil_mode, as in GoogLeNet and SqueezeNet)."""
import minigrad as mg
from minigrad import nn


class ConvPool(nn.Module):
    def setup(self, channels: int):
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.pool = nn.MaxPool2d(window=2)
        self.edge_pool = nn.MaxPool2d(3, stride=2, ceil=True)

    def call(self, x: mg.Array) -> mg.Array:
        x = self.pool(mg.relu(self.conv(x)))
        x = mg.max_pool2d(x, 2, stride=1)
        return self.edge_pool(x)
