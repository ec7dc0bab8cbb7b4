from torch import nn

from .c_blocks import Block


class Middle(nn.Module):
    """No layer of its own: takes rngs through the next file's Block."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.block = Block(channels)

    def forward(self, x):
        return self.block(x)
