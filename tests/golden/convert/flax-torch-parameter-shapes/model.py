import jax
from flax import nnx


class Net(nnx.Module):
    # torch-flax-parameter-shapes read back: the source's axes again; nnx.Conv's kernel may be
    # of 3, 4 or 5 axes (its layer is conv1d, 2d or 3d), so its axis 3 is reported.
    def __init__(self, d: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(d, 2 * d, rngs=rngs)
        self.conv = nnx.Conv(3, d, (3, 3), padding=0, rngs=rngs)
        self.width = self.fc.kernel.shape[1]
        rows, cols = self.fc.kernel.shape[::-1]
        self.scale = float(rows * 10 + cols + self.conv.kernel.shape[3] * 100)
        self.count = self.fc.kernel.size + self.conv.kernel.ndim

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.fc(x) * self.fc.kernel.shape[0] + self.scale + self.count + self.width
