
from .c_blocks import Block
from flax import nnx


class Middle(nnx.Module):
    """No layer of its own: takes rngs through the next file's Block."""

    def __init__(self, channels: int, *, rngs: nnx.Rngs) -> None:
        self.block = Block(channels, rngs=rngs)

    def __call__(self, x):
        return self.block(x)
