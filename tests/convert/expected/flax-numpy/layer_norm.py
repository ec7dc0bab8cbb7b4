"""Pre-norm residual feed-forward block."""
from flax import nnx
import numpy as np


class PreNormFeedForward(nnx.Module):
    def __init__(self, dim: int, hidden: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.LayerNorm' to 'numpy'
        self.norm = nnx.LayerNorm(dim, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.up = nnx.Linear(dim, hidden, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.down = nnx.Linear(hidden, dim, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return x + self.down(np.tanh(self.up(self.norm(x))))
