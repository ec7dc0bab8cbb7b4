"""A pre-norm transformer encoder block with multi-head self-attention."""
import minigrad as mg
from minigrad import nn


class SelfAttention(nn.Module):
    def setup(self, dim: int, heads: int):
        self.heads = heads
        self.qkv = nn.Dense(dim, dim * 3)
        self.out = nn.Dense(dim, dim)

    def call(self, x: mg.Array) -> mg.Array:
        b, t, d = x.shape
        q, k, v = mg.chunk(self.qkv(x), 3, axis=-1)
        q = q.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        k = k.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        v = v.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        scores = mg.matmul(q, k.swapaxes(-2, -1)) / (d // self.heads) ** 0.5
        weights = mg.softmax(scores, axis=-1)
        y = mg.matmul(weights, v).swapaxes(1, 2).reshape(b, t, d)
        return self.out(y)


class TransformerBlock(nn.Module):
    def setup(self, dim: int, heads: int, hidden: int, dropout: float = 0.1):
        self.norm1 = nn.LayerNorm(dim)
        self.attn = SelfAttention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.ff = nn.Sequential(
            [nn.Dense(dim, hidden), nn.GELU(), nn.Dense(hidden, dim)],
        )
        self.drop = nn.Dropout(rate=dropout)

    def call(self, x: mg.Array) -> mg.Array:
        x = x + self.drop(self.attn(self.norm1(x)))
        return x + self.drop(self.ff(self.norm2(x)))
