from typing import Callable


from ..layers.blocks import Scale, SqueezeBlock, make_block
from flax import nnx


class Net(nnx.Module):
    """No layer of its own but the imported blocks: takes rngs through them."""

    def __init__(self, channels: int, *, rngs: nnx.Rngs) -> None:
        self.se = SqueezeBlock(channels, 2, rngs=rngs)
        self.scale = Scale(0.5)
        self.made = make_block(channels, rngs=rngs)

    def __call__(self, x):
        return self.made(self.scale(self.se(x)))


class Held(nnx.Module):
    def __init__(self, channels: int, se_layer: Callable[..., nnx.Module] = SqueezeBlock, *, rngs: nnx.Rngs) -> None:
        self.se = se_layer(channels, 2, rngs=rngs)

    def __call__(self, x):
        return self.se(x)
