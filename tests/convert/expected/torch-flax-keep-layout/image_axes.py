"""Axis numbers written about images: they follow the converted model's layout."""
import functools
import jax
import jax.numpy as jnp
from flax import nnx


class SqueezeExcite(nnx.Module):
    def __init__(self, channels: int, reduction: int = 4, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.fc1 = nnx.Linear(channels, channels // reduction, rngs=rngs)
        self.fc2 = nnx.Linear(channels // reduction, channels, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        y = jax.nn.relu(self.conv(x.transpose(0, 2, 3, 1)))
        weights = y.mean(axis=(1, 2))
        weights = jax.nn.sigmoid(self.fc2(jax.nn.relu(self.fc1(weights))))
        return (y * weights[:, None, None, :]).transpose(0, 3, 1, 2)


class TwoBranch(nnx.Module):
    def __init__(self, channels: int, classes: int, *, rngs: nnx.Rngs):
        self.left = nnx.Conv(channels, channels, kernel_size=(1, 1), padding=0, rngs=rngs)
        self.right = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.pool = functools.partial(nnx.max_pool, window_shape=(2, 2), strides=(2, 2))
        self.head = nnx.Linear(2 * channels, classes, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        both = jnp.concatenate([self.left(x.transpose(0, 2, 3, 1)), self.right(x.transpose(0, 2, 3, 1))], axis=3)
        both = self.pool(both)
        channels = both.shape[3]
        scores = jax.nn.softmax(both, axis=3)
        tokens = scores.reshape(scores.shape[:1] + (-1,) + scores.shape[3:])
        peak = jnp.max(scores, axis=(1, 2))
        assert tokens.shape[-1] == channels
        return self.head(tokens.mean(axis=1)) + peak.sum()


class Head(nnx.Module):
    def __init__(self, channels: int, classes: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(3, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.fc = nnx.Linear(channels * 8 * 8, classes, rngs=rngs)

    def __call__(self, images: jax.Array) -> jax.Array:
        features = jax.nn.relu(self.conv(images.transpose(0, 2, 3, 1)))
        first_row = features.transpose(0, 3, 1, 2)[:, :, 0]
        return self.fc(features.transpose(0, 3, 1, 2).reshape(features.shape[0], -1)) + first_row.sum()


def channel_shuffle(x: jax.Array, groups: int) -> jax.Array:
    batch, channels, height, width = x.shape
    x = x.reshape(batch, groups, channels // groups, height, width)
    return x.swapaxes(1, 2).reshape(batch, channels, height, width)


class ShuffleBlock(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(channels, channels, kernel_size=(1, 1), padding=0, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return channel_shuffle(jax.nn.relu(self.conv(x.transpose(0, 2, 3, 1))).transpose(0, 3, 1, 2), 2)
