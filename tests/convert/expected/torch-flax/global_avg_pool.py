"""Global average pooling before a classifier head."""
import functools
import jax
import jax.numpy as jnp
from flax import nnx


class PooledClassifier(nnx.Module):
    def __init__(self, in_channels: int, width: int, num_classes: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(in_channels, width, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.reduce = nnx.Conv(width, width, (1, 1), strides=1, padding=0, use_bias=False, rngs=rngs)
        self.pool = functools.partial(jnp.mean, axis=(1, 2), keepdims=True)
        self.head = nnx.Linear(width, num_classes, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = self.pool(self.reduce(jax.nn.relu(self.conv(x))))
        return self.head(x.reshape(x.shape[0], -1))


def global_pool(x: jax.Array) -> jax.Array:
    return jnp.mean(x, axis=(1, 2), keepdims=True)


def pooled_per_axis(x: jax.Array) -> jax.Array:
    return jnp.mean(x, axis=(1, 2), keepdims=True)


def channel_means(x: jax.Array) -> jax.Array:
    return x.mean(axis=(2, 3))
