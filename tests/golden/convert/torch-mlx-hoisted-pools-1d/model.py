"""Pools over sequences (N, C, W) as functions towards MLX, whose 1-D pools are layers on
(N, W, C): nn.MaxPool1d / nn.AvgPool1d built at the end of __init__ and called in place."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SequencePool(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv1d(channels, channels, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.max_pool1d(F.relu(self.conv(x)), 2)
        return F.avg_pool1d(h, kernel_size=3, stride=1)
