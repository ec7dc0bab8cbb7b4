"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import torch.nn as nn
import numpy as np


class SelfAttentionBlock(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.MultiheadAttention' to 'numpy'
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        # switcheroo: no mapping for 'torch.nn.LayerNorm' to 'numpy'
        self.norm = nn.LayerNorm(width)

    def forward(self, x: np.ndarray) -> np.ndarray:
        out, _ = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.MultiheadAttention' to 'numpy'
        self.attn = nn.MultiheadAttention(embed_dim=width, num_heads=heads, bias=False,
                                          batch_first=True)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.proj = nn.Linear(width, width)

    def forward(self, query: np.ndarray, memory: np.ndarray) -> np.ndarray:
        return self.proj(self.attn(query, memory, memory)[0])


class SequenceFirst(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.MultiheadAttention' to 'numpy'
        self.attn = nn.MultiheadAttention(width, heads)

    def forward(self, x: np.ndarray) -> np.ndarray:
        out, _ = self.attn(x, x, x)
        return out
