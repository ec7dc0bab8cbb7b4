"""Dropout on the input features, then a projection."""
import torch.nn as nn
import numpy as np


class DropoutProjection(nn.Module):
    def __init__(self, dim: int, rate: float = 0.5):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Dropout' to 'numpy'
        self.drop = nn.Dropout(rate)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.proj(self.drop(x))
