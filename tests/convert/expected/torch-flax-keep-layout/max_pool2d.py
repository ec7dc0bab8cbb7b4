"""Convolution followed by 2x2 max pooling, as a layer and as a function, then a 3x3 pool with
stride 2 that keeps the partial window at the edge (ceil_mode, as in GoogLeNet and SqueezeNet)."""
import functools
import jax
from flax import nnx


class ConvPool(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(channels, channels, (3, 3), padding=1, rngs=rngs)
        self.pool = functools.partial(nnx.max_pool, window_shape=(2, 2), strides=(2, 2))
        self.edge_pool = functools.partial(nnx.max_pool, window_shape=(3, 3), strides=(2, 2), padding=((0, 1), (0, 1)))

    def __call__(self, x: jax.Array) -> jax.Array:
        x = self.pool(jax.nn.relu(self.conv(x.transpose(0, 2, 3, 1))))
        x = nnx.max_pool(x, window_shape=(2, 2), strides=(1, 1))
        return self.edge_pool(x).transpose(0, 3, 1, 2)
