"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import torch
import torch.nn.functional as F
from torch import nn


class GeluBlock(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.fc = nn.Linear(dim, dim)
        self.act = nn.GELU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.fc(x)) + F.gelu(x, approximate='tanh')
