"""Group normalization: a residual block of a diffusion U-Net (channels last)."""
from flax import nnx
import numpy as np


class GroupNormBlock(nnx.Module):
    def __init__(self, channels: int, groups: int = 8, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.GroupNorm' to 'numpy'
        self.norm1 = nnx.GroupNorm(channels, num_groups=groups, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv1 = nnx.Conv(channels, channels, kernel_size=(3, 3), rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.GroupNorm' to 'numpy'
        self.norm2 = nnx.GroupNorm(channels, num_groups=groups, use_scale=False, use_bias=False,
                                   rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv2 = nnx.Conv(channels, channels, kernel_size=(3, 3), rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        h = self.conv1(self.norm1(x) / (1 + np.exp(-self.norm1(x))))
        h = self.conv2(self.norm2(h) / (1 + np.exp(-self.norm2(h))))
        return x + h
