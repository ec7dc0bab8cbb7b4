"""Multi-head self-attention written with mx array functions."""
import mlx.core as mx
import mlx.nn as nn


class SelfAttention(nn.Module):
    def __init__(self, dims: int, heads: int):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dims, dims * 3)
        self.out = nn.Linear(dims, dims)

    def __call__(self, x: mx.array) -> mx.array:
        b, t, d = x.shape
        q, k, v = mx.split(self.qkv(x), 3, axis=-1)
        q = q.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        k = k.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        v = v.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        scores = (q @ k.swapaxes(-2, -1)) / (d // self.heads) ** 0.5
        weights = mx.softmax(scores, axis=-1)
        y = (weights @ v).swapaxes(1, 2).reshape(b, t, d)
        return self.out(y)
