"""A small convolutional feature extractor (channels last)."""
from flax import nnx
import numpy as np


class ConvNet(nnx.Module):
    def __init__(self, in_channels: int = 3, width: int = 16, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv1 = nnx.Conv(in_channels, width, kernel_size=(3, 3), padding=1, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv2 = nnx.Conv(width, width * 2, kernel_size=(3, 3), strides=2, padding=1,
                              use_bias=False, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        x = np.maximum(self.conv1(x), 0.0)
        return np.maximum(self.conv2(x), 0.0)
