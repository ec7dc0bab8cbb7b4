import jax
from flax import nnx


class M(nnx.Module):
    def __init__(self, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(
            4,
            8,
            rngs=rngs,
        )

    def __call__(self, x):
        return jax.nn.relu(
            self.fc(x)
        )
