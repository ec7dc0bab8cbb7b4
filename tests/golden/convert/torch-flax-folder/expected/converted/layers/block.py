from flax import nnx


class Block(nnx.Module):
    def __init__(self, dim, *, rngs: nnx.Rngs):
        self.norm = nnx.LayerNorm(dim, epsilon=1e-05, rngs=rngs)
        self.fc = nnx.Linear(dim, dim, rngs=rngs)

    def __call__(self, x):
        return x + self.fc(self.norm(x))


class Stack(nnx.Module):
    def __init__(self, dim, depth, *, rngs: nnx.Rngs):
        self.blocks = nnx.Sequential(*[Block(dim, rngs=rngs) for _ in range(depth)])

    def __call__(self, x):
        return self.blocks(x)
