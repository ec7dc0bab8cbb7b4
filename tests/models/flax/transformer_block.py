"""A pre-norm transformer encoder block."""
import jax
from flax import nnx


class TransformerBlock(nnx.Module):
    def __init__(self, dim: int, heads: int, hidden: int, dropout: float = 0.1, *, rngs: nnx.Rngs):
        self.norm1 = nnx.LayerNorm(dim, rngs=rngs)
        self.attn = nnx.MultiHeadAttention(num_heads=heads, in_features=dim, decode=False,
                                           rngs=rngs)
        self.norm2 = nnx.LayerNorm(dim, rngs=rngs)
        self.ff = nnx.Sequential(
            nnx.Linear(dim, hidden, rngs=rngs),
            nnx.gelu,
            nnx.Linear(hidden, dim, rngs=rngs),
        )
        self.drop = nnx.Dropout(dropout, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        h = self.norm1(x)
        x = x + self.drop(self.attn(h, h, h))
        return x + self.drop(self.ff(self.norm2(x)))
