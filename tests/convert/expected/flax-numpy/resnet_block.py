"""A ResNet basic block with a projection shortcut (channels last)."""
from flax import nnx
import numpy as np


class BasicBlock(nnx.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv1 = nnx.Conv(in_channels, out_channels, kernel_size=(3, 3), strides=stride,
                              padding=1, use_bias=False, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.BatchNorm' to 'numpy'
        self.bn1 = nnx.BatchNorm(out_channels, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv2 = nnx.Conv(out_channels, out_channels, kernel_size=(3, 3), padding=1,
                              use_bias=False, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.BatchNorm' to 'numpy'
        self.bn2 = nnx.BatchNorm(out_channels, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.proj = nnx.Conv(in_channels, out_channels, kernel_size=(1, 1), strides=stride,
                             use_bias=False, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        out = np.maximum(self.bn1(self.conv1(x)), 0.0)
        out = self.bn2(self.conv2(out))
        return np.maximum(out + self.proj(x), 0.0)

