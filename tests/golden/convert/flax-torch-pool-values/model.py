import functools

import jax
from flax import nnx


class Features(nnx.Module):
    """Pooling written as values: a 2-D window is 2-D pooling, and in a container a layer."""

    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.layers = nnx.Sequential(
            nnx.Conv(channels, channels, kernel_size=(3, 3), rngs=rngs),
            functools.partial(nnx.max_pool, window_shape=(2, 2), strides=(2, 2)),
            functools.partial(nnx.avg_pool, window_shape=(3, 3), strides=(1, 1), padding=((1, 1), (1, 1))),
        )
        self.edge_pool = functools.partial(nnx.max_pool, window_shape=(3, 3), strides=(2, 2), padding=((0, 1), (0, 1)))
        self.wide_pool = functools.partial(nnx.max_pool, window_shape=(3,), strides=(1,), padding=((1, 1),))
        self.odd_pool = functools.partial(nnx.max_pool, window_shape=(3, 3), padding=((0, 2), (1, 0)))

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.edge_pool(self.layers(x))
