
from pkg.b_middle import Middle
from flax import nnx


class Model(nnx.Module):
    """Takes rngs through Middle, known only after b_middle.py learns of c_blocks.py."""

    def __init__(self, channels: int, *, rngs: nnx.Rngs) -> None:
        self.middle = Middle(channels, rngs=rngs)

    def __call__(self, x):
        return self.middle(x)


model = Model(4, rngs=nnx.Rngs(0))
