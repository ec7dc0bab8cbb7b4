"""A language-model head tied to its token embedding (Press & Wolf): the output projection
reuses the embedding's table as its weight, so the two layers hold one tensor."""
import jax
from flax import nnx


class TiedLanguageModel(nnx.Module):
    def __init__(self, vocab_size: int, dim: int, *, rngs: nnx.Rngs):
        self.embed = nnx.Embed(vocab_size, dim, rngs=rngs)
        self.norm = nnx.LayerNorm(dim, epsilon=1e-05, rngs=rngs)
        self.head = nnx.Linear(dim, vocab_size, use_bias=False, rngs=rngs)
        # switcheroo: no mapping for the tie 'self.head.weight = self.embed.weight' to 'flax': its checkpoints name 'linear' 'weight' as 'kernel' laid out (1, 0) and 'embedding' 'weight' as 'embedding' ([[weights.layer]])
        self.head.weight = self.embed.weight

    def __call__(self, tokens: jax.Array) -> jax.Array:
        return self.head(self.norm(self.embed(tokens)))
