"""NHWC code converted to PyTorch: the layout is followed through a pooling function held as a
layer, an attribute set in two branches, and the transposes around a helper that works NCHW."""
import functools

import jax
import jax.numpy as jnp
from flax import nnx


class TwoBranch(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.pool = functools.partial(nnx.max_pool, window_shape=(2, 2), strides=(2, 2))

    def __call__(self, x: jax.Array) -> jax.Array:
        both = self.pool(self.conv(x))
        return jax.nn.softmax(both, axis=3) * both.shape[3]


class Downsample(nnx.Module):
    def __init__(self, channels: int, stride: int, *, rngs: nnx.Rngs):
        if stride > 1:
            self.branch = nnx.Sequential(
                nnx.Conv(channels, channels, kernel_size=(1, 1), strides=stride, rngs=rngs),
                jax.nn.relu,
            )
        else:
            self.branch = lambda x: x
        self.conv = nnx.Conv(channels, channels, kernel_size=(1, 1), strides=stride, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return jnp.concatenate([self.branch(x), self.conv(x)], axis=3)


def channel_shuffle(x: jax.Array, groups: int) -> jax.Array:
    batch, channels, height, width = x.shape
    x = x.reshape(batch, groups, channels // groups, height, width)
    return x.swapaxes(1, 2).reshape(batch, channels, height, width)


class ShuffleBlock(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(channels, channels, kernel_size=(1, 1), rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        y = jax.nn.relu(self.conv(x))
        return channel_shuffle(y.transpose(0, 3, 1, 2), 2).transpose(0, 2, 3, 1)
