"""A pre-norm transformer encoder block with multi-head self-attention."""
import torch.nn as nn
import numpy as np


class SelfAttention(nn.Module):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.qkv = nn.Linear(dim, dim * 3)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.out = nn.Linear(dim, dim)

    def forward(self, x: np.ndarray) -> np.ndarray:
        b, t, d = x.shape
        q, k, v = np.split(self.qkv(x), 3, axis=-1)
        q = q.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        k = k.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        v = v.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        scores = np.matmul(q, k.swapaxes(-2, -1)) / (d // self.heads) ** 0.5
        weights = np.exp(scores - np.max(scores, axis=-1, keepdims=True)) / np.sum(np.exp(scores - np.max(scores, axis=-1, keepdims=True)), axis=-1, keepdims=True)
        y = np.matmul(weights, v).swapaxes(1, 2).reshape(b, t, d)
        return self.out(y)


class TransformerBlock(nn.Module):
    def __init__(self, dim: int, heads: int, hidden: int, dropout: float = 0.1):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.LayerNorm' to 'numpy'
        self.norm1 = nn.LayerNorm(dim)
        self.attn = SelfAttention(dim, heads)
        # switcheroo: no mapping for 'torch.nn.LayerNorm' to 'numpy'
        self.norm2 = nn.LayerNorm(dim)
        # switcheroo: no mapping for 'torch.nn.Sequential' to 'numpy'
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        # switcheroo: cannot convert 'torch.nn.GELU' to 'numpy': no value for 'input'
        self.ff = nn.Sequential(
            nn.Linear(dim, hidden),
            nn.GELU(),
            nn.Linear(hidden, dim),
        )
        # switcheroo: no mapping for 'torch.nn.Dropout' to 'numpy'
        self.drop = nn.Dropout(dropout)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = x + self.drop(self.attn(self.norm1(x)))
        return x + self.drop(self.ff(self.norm2(x)))
