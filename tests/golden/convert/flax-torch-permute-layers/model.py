import functools
import jax
import jax.numpy as jnp
from flax import nnx


class Permute(nnx.Module):
    # A layer that permutes its input's axes by its constructor's argument (torchvision's
    # ops.misc.Permute): the layout flow follows it where it is constructed with literal axes.
    def __init__(self, dims):
        self.dims = dims

    def __call__(self, x):
        return jnp.transpose(x, self.dims)


class Block(nnx.Module):
    # ConvNeXt's CNBlock: a channels-last block between two Permute layers, and a scale held
    # shaped (C, 1, 1) to broadcast against the NCHW image.
    def __init__(self, c: int, *, rngs: nnx.Rngs):
        self.block = nnx.Sequential(
            nnx.Conv(c, c, kernel_size=(3, 3), padding=1, feature_group_count=c, rngs=rngs),
            Permute([0, 1, 2, 3]),
            nnx.LayerNorm(c, epsilon=1e-05, rngs=rngs),
            nnx.Linear(c, 2 * c, rngs=rngs),
            functools.partial(jax.nn.gelu, approximate=False),
            nnx.Linear(2 * c, c, rngs=rngs),
            Permute([0, 1, 2, 3]),
        )
        self.scale = nnx.Param(jnp.ones((1, 1, c)) * 0.5)
        self.conv = nnx.Conv(c, c, (1, 1), padding=0, rngs=rngs)
        self.to_last = Permute((0, 1, 2, 3))

    def __call__(self, x):
        y = x + self.scale * self.block(x)
        # One Permute called alone: channels last, as the source has them.
        z = self.to_last(self.conv(y))
        return z.mean(-1)
