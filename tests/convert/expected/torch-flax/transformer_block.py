"""A pre-norm transformer encoder block with multi-head self-attention."""
import functools
import jax
import jax.numpy as jnp
from flax import nnx


class SelfAttention(nnx.Module):
    def __init__(self, dim: int, heads: int, *, rngs: nnx.Rngs):
        self.heads = heads
        self.qkv = nnx.Linear(dim, dim * 3, rngs=rngs)
        self.out = nnx.Linear(dim, dim, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        b, t, d = x.shape
        q, k, v = jnp.split(self.qkv(x), 3, axis=-1)
        q = q.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        k = k.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        v = v.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        scores = jnp.matmul(q, k.swapaxes(-2, -1)) / (d // self.heads) ** 0.5
        weights = jax.nn.softmax(scores, axis=-1)
        y = jnp.matmul(weights, v).swapaxes(1, 2).reshape(b, t, d)
        return self.out(y)


class TransformerBlock(nnx.Module):
    def __init__(self, dim: int, heads: int, hidden: int, dropout: float = 0.1, *, rngs: nnx.Rngs):
        self.norm1 = nnx.LayerNorm(dim, epsilon=1e-05, rngs=rngs)
        self.attn = SelfAttention(dim, heads, rngs=rngs)
        self.norm2 = nnx.LayerNorm(dim, epsilon=1e-05, rngs=rngs)
        self.ff = nnx.Sequential(
            nnx.Linear(dim, hidden, rngs=rngs),
            functools.partial(jax.nn.gelu, approximate=False),
            nnx.Linear(hidden, dim, rngs=rngs),
        )
        self.drop = nnx.Dropout(rate=dropout, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = x + self.drop(self.attn(self.norm1(x)))
        return x + self.drop(self.ff(self.norm2(x)))
