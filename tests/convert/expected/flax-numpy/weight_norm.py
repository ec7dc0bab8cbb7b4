"""Weight-normalized layers (Salimans & Kingma): w = g * v / |v|."""
from flax import nnx
import numpy as np


class WeightNormMLP(nnx.Module):
    def __init__(self, features: int, hidden: int, out_features: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.WeightNorm' to 'numpy'
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.fc1 = nnx.WeightNorm(nnx.Linear(features, hidden, rngs=rngs), rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.WeightNorm' to 'numpy'
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.fc2 = nnx.WeightNorm(nnx.Linear(hidden, out_features, rngs=rngs), rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.fc2(np.maximum(self.fc1(x), 0.0))
