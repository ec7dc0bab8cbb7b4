"""Token embedding with a mean-pooled bag-of-words classifier."""
from flax import nnx
import numpy as np


class BagOfEmbeddings(nnx.Module):
    def __init__(self, vocab_size: int, dim: int, num_classes: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Embed' to 'numpy'
        self.embed = nnx.Embed(vocab_size, dim, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.classifier = nnx.Linear(dim, num_classes, rngs=rngs)

    def __call__(self, tokens: np.ndarray) -> np.ndarray:
        vectors = self.embed(tokens)
        return self.classifier(np.mean(vectors, axis=1))
