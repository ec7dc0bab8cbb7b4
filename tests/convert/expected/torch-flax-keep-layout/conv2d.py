"""A small convolutional feature extractor."""
import jax
from flax import nnx


class ConvNet(nnx.Module):
    def __init__(self, in_channels: int = 3, width: int = 16, *, rngs: nnx.Rngs):
        self.conv1 = nnx.Conv(in_channels, width, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.conv2 = nnx.Conv(width, width * 2, kernel_size=(3, 3), strides=2, padding=1, use_bias=False, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.conv1(x.transpose(0, 2, 3, 1)))
        return jax.nn.relu(self.conv2(x)).transpose(0, 3, 1, 2)
