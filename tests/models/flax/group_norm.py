"""Group normalization: a residual block of a diffusion U-Net (channels last)."""
import jax
from flax import nnx


class GroupNormBlock(nnx.Module):
    def __init__(self, channels: int, groups: int = 8, *, rngs: nnx.Rngs):
        self.norm1 = nnx.GroupNorm(channels, num_groups=groups, rngs=rngs)
        self.conv1 = nnx.Conv(channels, channels, kernel_size=(3, 3), rngs=rngs)
        self.norm2 = nnx.GroupNorm(channels, num_groups=groups, use_scale=False, use_bias=False,
                                   rngs=rngs)
        self.conv2 = nnx.Conv(channels, channels, kernel_size=(3, 3), rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        h = self.conv1(jax.nn.silu(self.norm1(x)))
        h = self.conv2(jax.nn.silu(self.norm2(h)))
        return x + h
