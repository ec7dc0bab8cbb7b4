import jax
import jax.numpy as jnp
from flax import nnx


class Windowed(nnx.Module):
    """State held in an nnx.BatchStat created in a method the constructor calls, and in an
    override of it that the base class's constructor calls: registered buffers back."""

    def __init__(self, size: int, *, rngs: nnx.Rngs):
        self.size = size
        self.proj = nnx.Linear(size * size, size * size, rngs=rngs)
        self.define_index()

    def define_index(self):
        coords = jnp.arange(self.size)
        index = (coords[:, None] * self.size + coords[None, :]).reshape(-1)
        self.index = nnx.BatchStat(index)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.proj(x)[:, self.index]


class Shifted(Windowed):
    def define_index(self):
        coords = jnp.arange(self.size)
        index = ((coords[:, None] + 1) % self.size * self.size + coords[None, :]).reshape(-1)
        self.index = nnx.BatchStat(index)

