"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import mlx.core as mx
from mlx import nn


class SelfAttentionBlock(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = nn.MultiHeadAttention(width, heads, bias=True)
        self.norm = nn.LayerNorm(width)

    def __call__(self, x: mx.array) -> mx.array:
        out = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = nn.MultiHeadAttention(dims=width, num_heads=heads, bias=False)
        self.proj = nn.Linear(width, width)

    def __call__(self, query: mx.array, memory: mx.array) -> mx.array:
        return self.proj(self.attn(query, memory, memory))


class SequenceFirst(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = nn.MultiHeadAttention(width, heads, bias=True)

    def __call__(self, x: mx.array) -> mx.array:
        out = self.attn(x.swapaxes(0, 1), x.swapaxes(0, 1), x.swapaxes(0, 1)).swapaxes(0, 1)
        return out
