"""Pre-norm residual feed-forward block."""
import torch
import torch.nn.functional as F
from torch import nn


class PreNormFeedForward(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.norm = nn.LayerNorm(normalized_shape=dim, eps=1e-05)
        self.up = nn.Linear(in_features=dim, out_features=hidden)
        self.down = nn.Linear(in_features=hidden, out_features=dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.down(F.gelu(self.up(self.norm(x))))
