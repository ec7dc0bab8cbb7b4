"""Convolution, batch normalization, ReLU: the usual stem block."""
import jax
from flax import nnx


class ConvBNReLU(nnx.Module):
    def __init__(self, in_channels: int, out_channels: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(in_channels, out_channels, kernel_size=(3, 3), padding=1, use_bias=False, rngs=rngs)
        self.bn = nnx.BatchNorm(out_channels, momentum=0.9, rngs=rngs)
        self.relu = jax.nn.relu

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.relu(self.bn(self.conv(x)))
