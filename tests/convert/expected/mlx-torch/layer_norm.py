"""A pre-norm feed-forward block with a residual connection."""
import torch
import torch.nn.functional as F
from torch import nn


class PreNormFeedForward(nn.Module):
    def __init__(self, dims: int, hidden: int):
        super().__init__()
        self.norm = nn.LayerNorm(dims, eps=1e-5)
        self.up = nn.Linear(dims, hidden)
        self.down = nn.Linear(hidden, dims)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.down(F.gelu(self.up(self.norm(x))))
