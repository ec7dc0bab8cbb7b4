"""Convolution followed by 2x2 max pooling."""
import jax
from flax import nnx


class ConvPool(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = nnx.relu(self.conv(x))
        return nnx.max_pool(x, window_shape=(2, 2), strides=(2, 2))
