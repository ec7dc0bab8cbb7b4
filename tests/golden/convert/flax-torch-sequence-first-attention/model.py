"""A sequence-first attention written for Flax as its conversion from PyTorch writes it: the
batch-first nnx.MultiHeadAttention with axes 0 and 1 swapped around each call. Read back,
the layer is PyTorch's batch_first=True one and the swaps stay, computing the same."""
import jax
from flax import nnx


class Attend(nnx.Module):
    def __init__(self, width: int, heads: int, *, rngs: nnx.Rngs):
        self.attn = nnx.MultiHeadAttention(in_features=width, num_heads=heads, decode=False, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        out = self.attn(x.swapaxes(0, 1), x.swapaxes(0, 1), x.swapaxes(0, 1)).swapaxes(0, 1)
        return out
