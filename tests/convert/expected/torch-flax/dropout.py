"""Dropout on the input features, then a projection."""
import jax
from flax import nnx


class DropoutProjection(nnx.Module):
    def __init__(self, dim: int, rate: float = 0.5, *, rngs: nnx.Rngs):
        self.drop = nnx.Dropout(rate=rate, rngs=rngs)
        self.proj = nnx.Linear(dim, dim, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.proj(self.drop(x))
