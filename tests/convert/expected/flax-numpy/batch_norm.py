"""Convolution, batch normalization, ReLU: the usual stem block."""
from flax import nnx
import numpy as np


class ConvBNReLU(nnx.Module):
    def __init__(self, in_channels: int, out_channels: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv = nnx.Conv(in_channels, out_channels, kernel_size=(3, 3), use_bias=False,
                             rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.BatchNorm' to 'numpy'
        self.bn = nnx.BatchNorm(out_channels, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(self.bn(self.conv(x)), 0.0)
