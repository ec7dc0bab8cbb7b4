from typing import List

import jax.numpy as jnp
from flax import nnx


class Permute(nnx.Module):
    def __init__(self, dims: List[int]):
        self.dims = dims

    def __call__(self, x):
        return jnp.transpose(x, self.dims)


class Net(nnx.Module):
    # Swin's features read back towards PyTorch: the list's first append runs once, so the
    # layout flow lists it; its permute layer puts PyTorch's NCHW convolution output back into
    # NHWC, so what the features give is an image in the source's layout, which the pool after
    # the identity permute gets permuted (before, it pooled over the width and the channels).
    def __init__(self, c: int, *, rngs: nnx.Rngs):
        layers: List[nnx.Module] = []
        layers.append(
            nnx.Sequential(
                nnx.Conv(c, 4, kernel_size=(3, 3), padding=1, rngs=rngs),
                Permute([0, 1, 2, 3]),
                nnx.LayerNorm(4, rngs=rngs),
            )
        )
        self.features = nnx.Sequential(*layers)
        self.norm = nnx.LayerNorm(4, rngs=rngs)
        self.permute = Permute([0, 1, 2, 3])
        self.avgpool = lambda x: jnp.mean(x, axis=(1, 2), keepdims=True)

    def __call__(self, x):
        x = self.features(x)
        x = self.norm(x)
        x = self.permute(x)
        return self.avgpool(x)
