import jax
from flax import nnx


class TiedHead(nnx.Module):
    """A language model's output projection that is its token embedding's table, transposed:
    back in PyTorch a Linear without a bias whose weight is the Embedding's."""

    def __init__(self, vocab_size: int, dim: int, *, rngs: nnx.Rngs):
        self.embed = nnx.Embed(vocab_size, dim, rngs=rngs)
        self.norm = nnx.LayerNorm(dim, rngs=rngs)

    # the logits of every token: the table transposed
    def logits(self, h):
        return self.embed.attend(h)

    def __call__(self, tokens: jax.Array) -> jax.Array:
        return self.logits(self.norm(self.embed(tokens)))
