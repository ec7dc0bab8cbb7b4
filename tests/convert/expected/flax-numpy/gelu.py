"""GELU activations: the tanh approximation (JAX's default) and the exact form."""
from flax import nnx
import math
import numpy as np


class GeluBlock(nnx.Module):
    def __init__(self, dim: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.fc = nnx.Linear(dim, dim, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return (lambda x, approximate: 0.5 * x * (1 + (np.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3)) if approximate else np.vectorize(math.erf, otypes=[float])(x / np.sqrt(2.0)))))(self.fc(x), True) + (lambda x, approximate: 0.5 * x * (1 + (np.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3)) if approximate else np.vectorize(math.erf, otypes=[float])(x / np.sqrt(2.0)))))(x, False)
