"""A module class derived from another of the file: its super().__init__ takes arguments."""
from flax import nnx


class Block(nnx.Module):
    def __init__(self, dim: int, hidden: int = 8, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(dim, hidden, rngs=rngs)

    def __call__(self, x):
        return self.fc(x)


class BlockV2(Block):
    def __init__(self, dim: int, hidden: int = 8, *, rngs: nnx.Rngs):
        super().__init__(dim, hidden=hidden, rngs=rngs)

    def __call__(self, x):
        return self.fc(x) * 2
