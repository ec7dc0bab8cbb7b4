import functools

import jax
from flax import nnx


class Block(nnx.Module):
    """A norm class chosen at run time: with nothing to tell its rank, an image's (2-D)."""

    def __init__(self, channels: int, norm_layer=None, *, rngs: nnx.Rngs):
        if norm_layer is None:
            norm_layer = functools.partial(nnx.BatchNorm, momentum=0.9, rngs=rngs)
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), use_bias=False, rngs=rngs)
        self.norm = norm_layer(channels)

    def __call__(self, x: jax.Array) -> jax.Array:
        return nnx.relu(x + self.norm(self.conv(x)))


def is_norm(layer) -> bool:
    return isinstance(layer, nnx.BatchNorm)
