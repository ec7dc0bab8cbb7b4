"""PyTorch's padding_idx written towards Flax is an embedding_init that zeroes the row; read
back, that form is padding_idx again. Another initializer has no PyTorch argument: reported."""
import jax
import jax.numpy as jnp
from flax import nnx


class Tables(nnx.Module):
    def __init__(self, vocab: int, dim: int, pad: int, *, rngs: nnx.Rngs):
        self.first = nnx.Embed(vocab, dim, embedding_init=lambda key, shape, dtype: nnx.initializers.normal(1.0)(key, shape, dtype).at[0].set(0), rngs=rngs)
        self.last = nnx.Embed(
            vocab,
            features=dim,
            embedding_init=lambda key, shape, dtype: nnx.initializers.normal(1.0)(
                key, shape, dtype
            ).at[pad - 1].set(0),
            rngs=rngs,
        )
        self.plain = nnx.Embed(vocab, dim, rngs=rngs)
        self.other = nnx.Embed(vocab, dim, embedding_init=nnx.initializers.zeros, rngs=rngs)

    def __call__(self, tokens: jax.Array) -> jax.Array:
        return self.first(tokens) + self.last(tokens) + self.plain(tokens) + self.other(tokens)
