"""A pre-norm transformer encoder block."""
from flax import nnx
import numpy as np


class TransformerBlock(nnx.Module):
    def __init__(self, dim: int, heads: int, hidden: int, dropout: float = 0.1, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.LayerNorm' to 'numpy'
        self.norm1 = nnx.LayerNorm(dim, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.MultiHeadAttention' to 'numpy'
        self.attn = nnx.MultiHeadAttention(num_heads=heads, in_features=dim, decode=False,
                                           rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.LayerNorm' to 'numpy'
        self.norm2 = nnx.LayerNorm(dim, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Sequential' to 'numpy'
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.ff = nnx.Sequential(
            nnx.Linear(dim, hidden, rngs=rngs),
            nnx.gelu,
            nnx.Linear(hidden, dim, rngs=rngs),
        )
        # switcheroo: no mapping for 'flax.nnx.Dropout' to 'numpy'
        self.drop = nnx.Dropout(dropout, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        h = self.norm1(x)
        x = x + self.drop(self.attn(h, h, h))
        return x + self.drop(self.ff(self.norm2(x)))
