"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import torch.nn as nn
import mlx.nn
import mlx.core as mx


class SelfAttentionBlock(mlx.nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'mlx': mlx.nn.MultiHeadAttention has separate query, key, value and output projections and no dropout: not converted yet
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.norm = mlx.nn.LayerNorm(width)

    def __call__(self, x: mx.array) -> mx.array:
        out, _ = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(mlx.nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'mlx': mlx.nn.MultiHeadAttention has separate query, key, value and output projections and no dropout: not converted yet
        self.attn = nn.MultiheadAttention(embed_dim=width, num_heads=heads, bias=False,
                                          batch_first=True)
        self.proj = mlx.nn.Linear(width, width)

    def __call__(self, query: mx.array, memory: mx.array) -> mx.array:
        return self.proj(self.attn(query, memory, memory)[0])


class SequenceFirst(mlx.nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'mlx': mlx.nn.MultiHeadAttention has separate query, key, value and output projections and no dropout: not converted yet
        self.attn = nn.MultiheadAttention(width, heads)

    def __call__(self, x: mx.array) -> mx.array:
        out, _ = self.attn(x, x, x)
        return out
