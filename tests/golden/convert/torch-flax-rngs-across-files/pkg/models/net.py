from typing import Callable

from torch import nn

from ..layers.blocks import Scale, SqueezeBlock, make_block


class Net(nn.Module):
    """No layer of its own but the imported blocks: takes rngs through them."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.se = SqueezeBlock(channels, 2)
        self.scale = Scale(0.5)
        self.made = make_block(channels)

    def forward(self, x):
        return self.made(self.scale(self.se(x)))


class Held(nn.Module):
    def __init__(self, channels: int, se_layer: Callable[..., nn.Module] = SqueezeBlock) -> None:
        super().__init__()
        self.se = se_layer(channels, 2)

    def forward(self, x):
        return self.se(x)
