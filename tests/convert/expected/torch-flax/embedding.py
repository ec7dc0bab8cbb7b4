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
