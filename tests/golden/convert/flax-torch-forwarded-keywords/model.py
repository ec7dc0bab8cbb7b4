from typing import Any, Callable, List, Optional

import jax
import jax.numpy as jnp
from flax import nnx


class BasicConv2d(nnx.Module):
    # The keywords of each construction go to the convolution: they convert where they are
    # written, and the convolution keeps `**kwargs`.
    def __init__(self, in_channels: int, out_channels: int, *, rngs: nnx.Rngs, **kwargs: Any) -> None:
        self.conv = nnx.Conv(in_channels, out_channels, use_bias=False, **kwargs, rngs=rngs)
        self.bn = nnx.BatchNorm(out_channels, epsilon=0.001, momentum=0.9, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return jax.nn.relu(self.bn(self.conv(x)))


class Mixed(nnx.Module):
    def __init__(self, cin: int, conv_block: Optional[Callable[..., nnx.Module]] = None, *, rngs: nnx.Rngs) -> None:
        if conv_block is None:
            conv_block = BasicConv2d
        self.wide = conv_block(cin, 4, kernel_size=(1, 3), padding=(0, 1), rngs=rngs)
        self.tall = conv_block(cin, 4, kernel_size=(3, 1), padding=(1, 0), rngs=rngs)
        self.point = conv_block(cin, 2, kernel_size=(1, 1), padding=0, rngs=rngs)

    def _forward(self, x: jax.Array) -> List[jax.Array]:
        # A list of images: its concatenation below follows their layout.
        outputs = [self.wide(x), self.tall(x), self.point(x)]
        return outputs

    def __call__(self, x: jax.Array) -> jax.Array:
        outputs = self._forward(x)
        return jnp.concatenate(outputs, 3)


class Net(nnx.Module):
    def __init__(self, cin: int, blocks: Optional[List[Callable[..., nnx.Module]]] = None, *, rngs: nnx.Rngs) -> None:
        if blocks is None:
            blocks = [BasicConv2d, Mixed]
        # `blocks[0]` holds BasicConv2d only, `blocks[1]` Mixed only.
        conv_block = blocks[0]
        mixed_block = blocks[1]
        self.stem = conv_block(cin, 6, kernel_size=(3, 3), strides=2, padding=0, rngs=rngs)
        self.mixed = mixed_block(6, rngs=rngs)
        self.head = BasicConv2d(10, 3, kernel_size=(3, 3), padding=1, kernel_dilation=1, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.head(self.mixed(self.stem(x))).mean(axis=(1, 2))
