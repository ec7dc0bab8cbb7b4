"""Token embedding with a mean-pooled bag-of-words classifier."""
import jax
from flax import nnx


class BagOfEmbeddings(nnx.Module):
    def __init__(self, vocab_size: int, dim: int, num_classes: int, *, rngs: nnx.Rngs):
        self.embed = nnx.Embed(vocab_size, dim, rngs=rngs)
        self.classifier = nnx.Linear(dim, num_classes, rngs=rngs)

    def __call__(self, tokens: jax.Array) -> jax.Array:
        vectors = self.embed(tokens)
        return self.classifier(vectors.mean(axis=1))


class PaddedBagOfEmbeddings(nnx.Module):
    """Token 0 pads: its row of the table starts at zero, so padding adds nothing to the sum."""

    def __init__(self, vocab_size: int, dim: int, num_classes: int, *, rngs: nnx.Rngs):
        self.embed = nnx.Embed(vocab_size, dim, embedding_init=lambda key, shape, dtype: nnx.initializers.normal(1.0)(key, shape, dtype).at[0].set(0), rngs=rngs)
        self.classifier = nnx.Linear(dim, num_classes, rngs=rngs)

    def __call__(self, tokens: jax.Array) -> jax.Array:
        return self.classifier(self.embed(tokens).sum(axis=1))
