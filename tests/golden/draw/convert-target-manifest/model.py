"""`swhost convert --target tikz` draws the model with the manifest's [draw] defaults."""
import torch.nn as nn
import torch.nn.functional as F


class Stem(nn.Module):
    def __init__(self, channels: int = 3, width: int = 8):
        super().__init__()
        self.conv = nn.Conv2d(channels, width, 3, padding=1)

    def forward(self, x):
        return F.relu(self.conv(x))
