"""A Sequential built from names (MNASNet): the layers of `*layers` and of a stack grown with
append are followed, so the axes after it are renumbered for channels-last images."""
import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.conv(x) + x


def stack(channels: int, repeats: int) -> nn.Sequential:
    first = Block(channels)
    remaining = []
    for _ in range(1, repeats):
        remaining.append(Block(channels))
    return nn.Sequential(first, *remaining)


class Net(nn.Module):
    def __init__(self, classes: int):
        super().__init__()
        layers = [nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(inplace=True), stack(8, 3)]
        self.layers = nn.Sequential(*layers)
        self.classifier = nn.Linear(8, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.layers(x)
        return self.classifier(x.mean([2, 3]))

