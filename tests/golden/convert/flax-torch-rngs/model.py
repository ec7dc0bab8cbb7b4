import jax
from flax import nnx


def make_layer(din: int, dout: int, *, rngs: nnx.Rngs) -> nnx.Linear:
    return nnx.Linear(din, dout, rngs=rngs)


class Encoder(nnx.Module):
    """Two projections with a residual."""

    def __init__(self, dim: int, *, rngs: nnx.Rngs):
        self.first = make_layer(dim, dim, rngs=rngs)
        self.second = nnx.Linear(dim, dim, use_bias=False, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return x + self.second(nnx.relu(self.first(x)))


encoder = Encoder(8, rngs=nnx.Rngs(0))
