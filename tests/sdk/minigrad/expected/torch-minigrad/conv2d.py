"""A small convolutional feature extractor."""
import minigrad as mg
from minigrad import nn


class ConvNet(nn.Module):
    def setup(self, in_channels: int = 3, width: int = 16):
        self.conv1 = nn.Conv2d(in_channels, width, window=3, padding=1)
        self.conv2 = nn.Conv2d(width, width * 2, window=3, stride=2, padding=1, with_bias=False)

    def call(self, x: mg.Array) -> mg.Array:
        x = mg.relu(self.conv1(x))
        return mg.relu(self.conv2(x))
