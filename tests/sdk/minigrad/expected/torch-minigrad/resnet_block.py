"""A ResNet basic block with an optional projection shortcut."""
import minigrad as mg
from minigrad import nn


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> nn.Conv2d:
    return nn.Conv2d(in_channels, out_channels, window=3, stride=stride, padding=1, with_bias=False)


class BasicBlock(nn.Module):
    def setup(self, in_channels: int, out_channels: int, stride: int = 1):
        self.conv1 = conv3x3(in_channels, out_channels, stride)
        self.bn1 = nn.BatchNorm(out_channels)
        self.conv2 = conv3x3(out_channels, out_channels)
        self.bn2 = nn.BatchNorm(out_channels)
        self.shortcut = nn.Sequential([])
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(
                [nn.Conv2d(in_channels, out_channels, window=1, stride=stride, with_bias=False), nn.BatchNorm(out_channels)],
            )

    def call(self, x: mg.Array) -> mg.Array:
        out = mg.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return mg.relu(out + self.shortcut(x))

