"""Axis numbers written about images (NHWC): they follow the converted model's layout."""
import jax
import jax.numpy as jnp
from flax import nnx


class SqueezeExcite(nnx.Module):
    def __init__(self, channels: int, reduction: int = 4, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.fc1 = nnx.Linear(channels, channels // reduction, rngs=rngs)
        self.fc2 = nnx.Linear(channels // reduction, channels, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        y = jax.nn.relu(self.conv(x))
        weights = y.mean(axis=(1, 2))
        weights = jax.nn.sigmoid(self.fc2(jax.nn.relu(self.fc1(weights))))
        return y * weights[:, None, None, :]


class TwoBranch(nnx.Module):
    def __init__(self, channels: int, classes: int, *, rngs: nnx.Rngs):
        self.left = nnx.Conv(channels, channels, kernel_size=(1, 1), rngs=rngs)
        self.right = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.head = nnx.Linear(2 * channels, classes, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        both = jnp.concatenate([self.left(x), self.right(x)], axis=-1)
        both = nnx.max_pool(both, window_shape=(2, 2), strides=(2, 2))
        channels = both.shape[-1]
        scores = jax.nn.softmax(both, axis=-1)
        tokens = scores.reshape(scores.shape[0], -1, channels)
        peak = jnp.max(scores, axis=(1, 2))
        assert peak.shape[1] == channels
        return self.head(tokens.mean(axis=1)) + peak.sum()
