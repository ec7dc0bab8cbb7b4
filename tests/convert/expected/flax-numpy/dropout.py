"""Dropout on the input features, then a projection."""
from flax import nnx
import numpy as np


class DropoutProjection(nnx.Module):
    def __init__(self, dim: int, rate: float = 0.5, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Dropout' to 'numpy'
        self.drop = nnx.Dropout(rate, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.proj = nnx.Linear(dim, dim, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.proj(self.drop(x))
