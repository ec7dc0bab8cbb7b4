import torch
import torch.nn as nn


class TiedAutoencoder(nn.Module):
    """Two Linears sharing one weight (one tensor under two names)."""

    def __init__(self, dim: int):
        super().__init__()
        self.encode = nn.Linear(dim, dim)
        self.decode = nn.Linear(dim, dim)
        self.decode.weight = self.encode.weight

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode(torch.tanh(self.encode(x)))
