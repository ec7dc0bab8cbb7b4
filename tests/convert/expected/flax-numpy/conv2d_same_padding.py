"""Convolutions that keep the spatial size: padding='SAME' (channels last)."""
from flax import nnx
import numpy as np


class SameConvBlock(nnx.Module):
    def __init__(self, in_channels: int, width: int = 32, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv = nnx.Conv(in_channels, width, kernel_size=(3, 3), padding="SAME", rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.dilated = nnx.Conv(width, width, kernel_size=(3, 3), padding="SAME", kernel_dilation=2,
                                use_bias=False, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.wide = nnx.Conv(width, width, kernel_size=(1, 5), rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        x = np.maximum(self.conv(x), 0.0)
        x = np.maximum(self.dilated(x), 0.0)
        return x + self.wide(x)
