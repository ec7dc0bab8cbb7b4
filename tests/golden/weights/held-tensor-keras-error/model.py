"""A learned scale held by the model class itself: Keras has no name for it here."""
import torch
import torch.nn as nn


class Scaled(nn.Module):
    def __init__(self, width: int = 4):
        super().__init__()
        self.dense = nn.Linear(width, width)
        self.gain = nn.Parameter(torch.ones(width))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dense(x) * self.gain
