"""A ResNet stage built by a method, as torchvision's ResNet builds its layers."""
import functools
import jax
from flax import nnx


class ConvBlock(nnx.Module):
    def __init__(self, channels: int, norm_layer=None, *, rngs: nnx.Rngs):
        if norm_layer is None:
            norm_layer = functools.partial(nnx.BatchNorm, momentum=0.9, rngs=rngs)
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, use_bias=False, rngs=rngs)
        self.norm = norm_layer(channels)

    def __call__(self, x: jax.Array) -> jax.Array:
        return jax.nn.relu(x + self.norm(self.conv(x)))


class Stage(nnx.Module):
    def __init__(self, channels: int, blocks: int, *, rngs: nnx.Rngs):
        self.stem = nnx.Conv(3, channels, kernel_size=(7, 7), strides=2, padding=3, rngs=rngs)
        self.blocks = self._make_blocks(channels, blocks, rngs=rngs)

    def _make_blocks(self, channels: int, count: int, *, rngs: nnx.Rngs) -> nnx.Sequential:
        return nnx.Sequential(*[ConvBlock(channels, rngs=rngs) for _ in range(count)])

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.blocks(self.stem(x))
