"""A language-model head tied to its token embedding (Press & Wolf): the output projection
reuses the embedding's table as its weight, so the two layers hold one tensor."""
import jax
from flax import nnx


class TiedLanguageModel(nnx.Module):
    def __init__(self, vocab_size: int, dim: int, *, rngs: nnx.Rngs):
        self.embed = nnx.Embed(vocab_size, dim, rngs=rngs)
        self.norm = nnx.LayerNorm(dim, epsilon=1e-05, rngs=rngs)

    # switcheroo: 'self.head' ('linear'), whose 'weight' is tied to 'self.embed' 'weight' at line 13, is written as a method calling 'self.embed' ([[weights.tied-layer]])
    def head(self, x):
        return self.embed.attend(x)

    def __call__(self, tokens: jax.Array) -> jax.Array:
        return self.head(self.norm(self.embed(tokens)))
