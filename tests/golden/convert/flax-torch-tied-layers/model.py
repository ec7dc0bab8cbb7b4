import jax
from flax import nnx


class TiedAutoencoder(nnx.Module):
    """Two Linears sharing one kernel (one nnx.Param under two paths)."""

    def __init__(self, dim: int, *, rngs: nnx.Rngs):
        self.encode = nnx.Linear(dim, dim, rngs=rngs)
        self.decode = nnx.Linear(dim, dim, rngs=rngs)
        self.decode.kernel = self.encode.kernel

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.decode(self.encode(x))
