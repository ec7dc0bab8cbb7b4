"""What the adaptive pools written towards Flax read back as: the expression of PyTorch's windows
(`adaptive_avg_pool2d/sized`) is the pool again, a layer where the lambda stood for one; one
number is the size of both axes."""
import jax
import jax.numpy as jnp
from flax import nnx


class Pooled(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(3, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.pool = lambda input: (lambda x, size: (lambda oh, ow: jnp.stack([jnp.stack([x[:, i * x.shape[1] // oh:-(-(i + 1) * x.shape[1] // oh), j * x.shape[2] // ow:-(-(j + 1) * x.shape[2] // ow)].mean(axis=(1, 2)) for j in range(ow)], 1) for i in range(oh)], 1))(*(tuple(size) if isinstance(size, (tuple, list)) else (size, size))))(input, (3, 2))
        self.head = nnx.Sequential(
            nnx.Conv(channels, channels, kernel_size=(1, 1), rngs=rngs),
            lambda input: (lambda x, size: (lambda oh, ow: jnp.stack([jnp.stack([x[:, i * x.shape[1] // oh:-(-(i + 1) * x.shape[1] // oh), j * x.shape[2] // ow:-(-(j + 1) * x.shape[2] // ow)].mean(axis=(1, 2)) for j in range(ow)], 1) for i in range(oh)], 1))(*(tuple(size) if isinstance(size, (tuple, list)) else (size, size))))(input, (4, 4)),
        )

    def __call__(self, x: jax.Array) -> jax.Array:
        y = self.conv(x)
        return self.pool(y) + (lambda x, size: (lambda oh, ow: jnp.stack([jnp.stack([x[:, i * x.shape[1] // oh:-(-(i + 1) * x.shape[1] // oh), j * x.shape[2] // ow:-(-(j + 1) * x.shape[2] // ow)].mean(axis=(1, 2)) for j in range(ow)], 1) for i in range(oh)], 1))(*(tuple(size) if isinstance(size, (tuple, list)) else (size, size))))(self.head(y), (3, 2))


def square(x: jax.Array) -> jax.Array:
    # One number is the size of both axes.
    return (lambda x, size: (lambda oh, ow: jnp.stack([jnp.stack([x[:, i * x.shape[1] // oh:-(-(i + 1) * x.shape[1] // oh), j * x.shape[2] // ow:-(-(j + 1) * x.shape[2] // ow)].mean(axis=(1, 2)) for j in range(ow)], 1) for i in range(oh)], 1))(*(tuple(size) if isinstance(size, (tuple, list)) else (size, size))))(x, 4)


def not_the_form(x: jax.Array) -> jax.Array:
    # Another lambda: its calls convert one by one.
    return (lambda x, size: jnp.stack([x.mean(axis=(1, 2))] * size, 1))(x, 2)
