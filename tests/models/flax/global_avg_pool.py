"""Global average pooling before a classifier head (channels last)."""
import jax
import jax.numpy as jnp
from flax import nnx


class PooledClassifier(nnx.Module):
    def __init__(self, in_channels: int, width: int, num_classes: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(in_channels, width, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.head = nnx.Linear(width, num_classes, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = nnx.relu(self.conv(x))
        x = jnp.mean(x, axis=(1, 2), keepdims=True)
        return self.head(x.reshape(x.shape[0], -1))


def global_pool(x: jax.Array) -> jax.Array:
    return jnp.mean(x, axis=(1, 2), keepdims=True)
