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
        return jax.nn.gelu(self.fc(x)) + jax.nn.gelu(x, approximate=False)
