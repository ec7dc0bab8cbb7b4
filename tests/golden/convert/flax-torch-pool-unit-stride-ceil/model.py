import functools
import jax
from flax import nnx


class Pools(nnx.Module):
    # With stride 1 no window starts past the padded input: ceil_mode changes nothing
    # (GoogLeNet's Inception branch 4).
    def __init__(self, c: int, *, rngs: nnx.Rngs):
        self.max_pool = functools.partial(nnx.max_pool, window_shape=(3, 3), strides=(1, 1), padding=((1, 1), (1, 1)))
        self.avg_pool = functools.partial(nnx.avg_pool, window_shape=(3, 3), strides=(1, 1), padding=((1, 1), (1, 1)))
        self.conv = nnx.Conv(c, c, (1, 1), padding=0, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        y = self.conv(self.max_pool(x)) + self.avg_pool(x)
        return nnx.max_pool(y, window_shape=(2, 2), strides=(1, 1))
