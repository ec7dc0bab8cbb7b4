"""A Flax module whose first statement carries the comment a conversion into Flax left: read
back into PyTorch, super().__init__() goes above that comment, not between it and its line."""
import jax
from flax import nnx


class Encoder(nnx.Module):
    def __init__(self, width: int, *, rngs: nnx.Rngs):
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'flax': stacked layers are reported
        # (a second comment line)
        self.proj = nnx.Linear(width, width, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.proj(x)
