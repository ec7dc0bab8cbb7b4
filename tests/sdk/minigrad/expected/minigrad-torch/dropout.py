"""Dropout on the input features, then a projection."""
import torch
from torch import nn


class DropoutProjection(nn.Module):
    def __init__(self, dim: int, rate: float = 0.5):
        super().__init__()
        self.drop = nn.Dropout(p=rate)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(self.drop(x))
