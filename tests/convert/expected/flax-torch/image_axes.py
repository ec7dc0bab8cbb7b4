"""Axis numbers written about images (NHWC): they follow the converted model's layout."""
import torch
import torch.nn.functional as F
from torch import nn


class SqueezeExcite(nn.Module):
    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(channels, channels // reduction)
        self.fc2 = nn.Linear(channels // reduction, channels)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = torch.relu(self.conv(x))
        weights = y.mean(dim=(2, 3))
        weights = torch.sigmoid(self.fc2(torch.relu(self.fc1(weights))))
        return y * weights[:, :, None, None]


class TwoBranch(nn.Module):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        self.left = nn.Conv2d(channels, channels, kernel_size=1, padding='same')
        self.right = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.head = nn.Linear(2 * channels, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        both = torch.cat([self.left(x), self.right(x)], dim=1)
        both = F.max_pool2d(both, kernel_size=(2, 2), stride=(2, 2))
        channels = both.shape[1]
        scores = F.softmax(both, dim=1)
        tokens = scores.permute(0, 2, 3, 1).reshape(scores.shape[0], -1, channels)
        peak = torch.amax(scores, dim=(2, 3))
        assert peak.shape[1] == channels
        return self.head(tokens.mean(dim=1)) + peak.sum()
