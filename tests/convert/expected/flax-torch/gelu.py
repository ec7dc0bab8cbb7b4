"""GELU activations: the tanh approximation (JAX's default) and the exact form."""
import torch
import torch.nn.functional as F
from torch import nn


class GeluBlock(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.fc = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.fc(x), approximate='tanh') + F.gelu(x, approximate='none')
