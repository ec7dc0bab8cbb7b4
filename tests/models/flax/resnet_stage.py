"""A ResNet stage built by a method that threads the random streams (channels last)."""
import jax
from flax import nnx


class ConvBlock(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), use_bias=False, rngs=rngs)
        self.norm = nnx.BatchNorm(channels, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return nnx.relu(x + self.norm(self.conv(x)))


class Stage(nnx.Module):
    def __init__(self, channels: int, blocks: int, *, rngs: nnx.Rngs):
        self.stem = nnx.Conv(3, channels, kernel_size=(7, 7), strides=2, rngs=rngs)
        self.blocks = self._make_blocks(channels, blocks, rngs=rngs)

    def _make_blocks(self, channels: int, count: int, *, rngs: nnx.Rngs) -> nnx.Sequential:
        return nnx.Sequential(*[ConvBlock(channels, rngs=rngs) for _ in range(count)])

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.blocks(self.stem(x))
