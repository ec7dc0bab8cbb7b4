"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import jax
from flax import nnx


class SelfAttentionBlock(nnx.Module):
    def __init__(self, width: int, heads: int, *, rngs: nnx.Rngs):
        self.attn = nnx.MultiHeadAttention(in_features=width, num_heads=heads, decode=False, rngs=rngs)
        self.norm = nnx.LayerNorm(width, epsilon=1e-05, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        out = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(nnx.Module):
    def __init__(self, width: int, heads: int, *, rngs: nnx.Rngs):
        self.attn = nnx.MultiHeadAttention(in_features=width, num_heads=heads, use_bias=False, decode=False, rngs=rngs)
        self.proj = nnx.Linear(width, width, rngs=rngs)

    def __call__(self, query: jax.Array, memory: jax.Array) -> jax.Array:
        return self.proj(self.attn(query, memory, memory))


class SequenceFirst(nnx.Module):
    def __init__(self, width: int, heads: int, *, rngs: nnx.Rngs):
        self.attn = nnx.MultiHeadAttention(in_features=width, num_heads=heads, decode=False, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        out = self.attn(x.swapaxes(0, 1), x.swapaxes(0, 1), x.swapaxes(0, 1)).swapaxes(0, 1)
        return out
