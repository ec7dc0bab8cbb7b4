"""GELU activations: the tanh approximation (JAX's default) and the exact form."""
import jax
from flax import nnx
import numpy as np


class GeluBlock(nnx.Module):
    def __init__(self, dim: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.fc = nnx.Linear(dim, dim, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        # switcheroo: no mapping for 'jax.nn.gelu' to 'numpy'
        return 0.5 * self.fc(x) * (1 + np.tanh(0.7978845608028654 * (self.fc(x) + 0.044715 * self.fc(x) ** 3))) + jax.nn.gelu(x, approximate=False)
