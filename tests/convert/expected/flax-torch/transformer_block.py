"""A pre-norm transformer encoder block."""
import torch
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, dim: int, heads: int, hidden: int, dropout: float = 0.1):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-06)
        self.attn = nn.MultiheadAttention(embed_dim=dim, num_heads=heads, batch_first=True)
        self.norm2 = nn.LayerNorm(dim, eps=1e-06)
        self.ff = nn.Sequential(
            nn.Linear(dim, hidden),
            nn.GELU(approximate='tanh'),
            nn.Linear(hidden, dim),
        )
        self.drop = nn.Dropout(p=dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.norm1(x)
        x = x + self.drop(self.attn(h, h, h, need_weights=False)[0])
        return x + self.drop(self.ff(self.norm2(x)))
