from flax import nnx


class Block(nnx.Module):
    def __init__(self, channels: int, *, rngs: nnx.Rngs) -> None:
        self.fc = nnx.Linear(channels, channels, rngs=rngs)

    def __call__(self, x):
        return self.fc(x)
