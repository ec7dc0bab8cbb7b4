import jax
from flax import nnx


class Norms(nnx.Module):
    """Momentum folded into PyTorch's convention (1 - m) is written as the decimal it means."""

    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.first = nnx.BatchNorm(channels, momentum=0.9, rngs=rngs)
        self.second = nnx.BatchNorm(channels, momentum=0.99, epsilon=1e-3, rngs=rngs)
        self.third = nnx.BatchNorm(channels, momentum=0.997, rngs=rngs)
        self.fourth = nnx.BatchNorm(channels, momentum=1e-1, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.fourth(self.third(self.second(self.first(x))))
