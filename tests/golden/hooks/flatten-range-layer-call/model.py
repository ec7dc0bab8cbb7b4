import torch
from torch import nn


class Head(nn.Module):
    def __init__(self, features: int, classes: int):
        super().__init__()
        # the layer becomes the function it applies; the call of it below stays a call
        self.flatten = nn.Flatten(1)
        self.head = nn.Linear(features, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.flatten(x)
        return self.head(x)
