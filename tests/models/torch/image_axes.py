"""Axis numbers written about images: they follow the converted model's layout."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SqueezeExcite(nn.Module):
    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(channels, channels // reduction)
        self.fc2 = nn.Linear(channels // reduction, channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.relu(self.conv(x))
        weights = y.mean(dim=(2, 3))
        weights = torch.sigmoid(self.fc2(F.relu(self.fc1(weights))))
        return y * weights[:, :, None, None]


class TwoBranch(nn.Module):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        self.left = nn.Conv2d(channels, channels, kernel_size=1)
        self.right = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Linear(2 * channels, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        both = torch.cat([self.left(x), self.right(x)], dim=1)
        both = self.pool(both)
        channels = both.shape[1]
        scores = torch.softmax(both, dim=1)
        tokens = torch.flatten(scores, 2).transpose(1, 2)
        peak = torch.amax(scores, dim=(2, 3))
        assert tokens.shape[-1] == channels
        return self.head(tokens.mean(dim=1)) + peak.sum()


class Head(nn.Module):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        self.conv = nn.Conv2d(3, channels, kernel_size=3, padding=1)
        self.fc = nn.Linear(channels * 8 * 8, classes)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        features = F.relu(self.conv(images))
        first_row = features[:, :, 0]
        return self.fc(features.view(features.size(0), -1)) + first_row.sum()


def channel_shuffle(x: torch.Tensor, groups: int) -> torch.Tensor:
    batch, channels, height, width = x.shape
    x = x.view(batch, groups, channels // groups, height, width)
    return x.transpose(1, 2).reshape(batch, channels, height, width)


class ShuffleBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return channel_shuffle(F.relu(self.conv(x)), 2)
