"""A single affine layer: logistic regression over a feature vector."""
from flax import nnx
import numpy as np


class LogisticRegression(nnx.Module):
    def __init__(self, in_features: int, num_classes: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.linear = nnx.Linear(in_features, num_classes, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.linear(x)))
