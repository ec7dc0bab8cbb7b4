"""An image model with a layer of each kind whose layout changes between frameworks."""
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, channels: int = 3, classes: int = 10):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(channels, 8, 3, padding=1, bias=False),
            nn.BatchNorm2d(8),
            nn.ReLU(),
        )
        self.depthwise = nn.Conv2d(8, 8, 3, padding=1, groups=8)
        self.up = nn.ConvTranspose2d(8, 4, 2, stride=2)
        self.norm = nn.GroupNorm(2, 4)
        self.head = nn.Linear(4, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.up(self.depthwise(self.stem(x)))
        return self.head(self.norm(x).mean(dim=(2, 3)))
