"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import torch
import torch.nn as nn


class SelfAttentionBlock(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.norm = nn.LayerNorm(width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = nn.MultiheadAttention(embed_dim=width, num_heads=heads, bias=False,
                                          batch_first=True)
        self.proj = nn.Linear(width, width)

    def forward(self, query: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        return self.proj(self.attn(query, memory, memory)[0])


class SequenceFirst(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.attn(x, x, x)
        return out
