"""Convolutions that keep the spatial size: padding='same'."""
import jax
from flax import nnx


class SameConvBlock(nnx.Module):
    def __init__(self, in_channels: int, width: int = 32, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(in_channels, width, kernel_size=(3, 3), padding='SAME', rngs=rngs)
        self.dilated = nnx.Conv(width, width, kernel_size=(3, 3), padding='SAME', kernel_dilation=2, use_bias=False, rngs=rngs)
        self.wide = nnx.Conv(width, width, kernel_size=(1, 5), padding='SAME', rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.conv(x))
        x = jax.nn.relu(self.dilated(x))
        return x + self.wide(x)
