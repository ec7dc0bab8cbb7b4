"""Convolution followed by 2x2 max pooling."""
from flax import nnx
import numpy as np


class ConvPool(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        x = np.maximum(self.conv(x), 0.0)
        # switcheroo: no mapping for 'flax.nnx.max_pool' to 'numpy'
        return nnx.max_pool(x, window_shape=(2, 2), strides=(2, 2))
