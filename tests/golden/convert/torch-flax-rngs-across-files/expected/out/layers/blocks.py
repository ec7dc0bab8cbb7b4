import jax
from flax import nnx


class SqueezeBlock(nnx.Module):
    """Builds convolutions: takes rngs once converted."""

    def __init__(self, channels: int, squeezed: int, *, rngs: nnx.Rngs) -> None:
        self.fc1 = nnx.Conv(channels, squeezed, (1, 1), padding=0, rngs=rngs)
        self.fc2 = nnx.Conv(squeezed, channels, (1, 1), padding=0, rngs=rngs)

    def __call__(self, x):
        return x * jax.nn.sigmoid(self.fc2(jax.nn.relu(self.fc1(x))))


class Scale(nnx.Module):
    """Builds no layer: takes no rngs."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def __call__(self, x):
        return x * self.factor


def make_block(channels, *, rngs: nnx.Rngs):
    return SqueezeBlock(channels, channels // 2, rngs=rngs)
