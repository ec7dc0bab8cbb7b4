"""A ResNet stage built by a method that threads the random streams (channels last)."""
from flax import nnx
import numpy as np


class ConvBlock(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), use_bias=False, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.BatchNorm' to 'numpy'
        self.norm = nnx.BatchNorm(channels, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x + self.norm(self.conv(x)), 0.0)


class Stage(nnx.Module):
    def __init__(self, channels: int, blocks: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.stem = nnx.Conv(3, channels, kernel_size=(7, 7), strides=2, rngs=rngs)
        self.blocks = self._make_blocks(channels, blocks, rngs=rngs)

    def _make_blocks(self, channels: int, count: int, *, rngs: nnx.Rngs) -> nnx.Sequential:
        # switcheroo: no mapping for 'flax.nnx.Sequential' to 'numpy'
        return nnx.Sequential(*[ConvBlock(channels, rngs=rngs) for _ in range(count)])

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.blocks(self.stem(x))
