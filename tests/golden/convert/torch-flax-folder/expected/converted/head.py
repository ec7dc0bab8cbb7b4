from flax import nnx


class Head(nnx.Module):
    def __init__(self, dim, classes, *, rngs: nnx.Rngs):
        self.proj = nnx.Linear(dim, classes, rngs=rngs)

    def __call__(self, x):
        # Mean over the sequence, then project.
        return self.proj(x.mean(axis=1))
