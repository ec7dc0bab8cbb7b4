"""Weight-normalized layers (w = g * v / |v|): a convolution and a Linear normalized per output
channel (dim=0), a Linear over its whole weight (dim=None)."""
import torch
import torch.nn as nn
from torch.nn.utils import weight_norm


class Normed(nn.Module):
    def __init__(self, channels: int, width: int):
        super().__init__()
        self.conv = weight_norm(nn.Conv2d(3, channels, 3, padding=1))
        self.hidden = weight_norm(nn.Linear(channels, width), dim=None)
        self.head = nn.utils.weight_norm(nn.Linear(width, 2), dim=0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.flatten(nn.functional.adaptive_avg_pool2d(torch.relu(self.conv(x)), 1), 1)
        return self.head(torch.relu(self.hidden(x)))
