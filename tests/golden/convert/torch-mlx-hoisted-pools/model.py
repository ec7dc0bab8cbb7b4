"""Functional pools towards a framework whose pools are layers only: each call with literal
arguments in a method becomes a layer built at the end of the constructor and called in its
place (named after the op, numbered where the name is taken); a window held in a variable and a
pool in a static method or a plain function are reported (no `self` to hold the layer)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Pools(nn.Module):
    def __init__(self, channels: int, window: int = 3):
        super().__init__()
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        self.window = window
        self.max_pool2d = nn.MaxPool2d(2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv(x)), kernel_size=(2, 2), stride=1)
        x = self.max_pool2d(x)
        y = F.avg_pool2d(x, 2)
        z = F.max_pool2d(x, self.window)
        return y, z

    @staticmethod
    def halve(x: torch.Tensor) -> torch.Tensor:
        return F.max_pool2d(x, 2)


def pooled(x: torch.Tensor) -> torch.Tensor:
    return F.max_pool2d(x, 2)
