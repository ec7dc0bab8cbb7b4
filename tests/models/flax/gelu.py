"""GELU activations: the tanh approximation (JAX's default) and the exact form."""
import jax
from flax import nnx


class GeluBlock(nnx.Module):
    def __init__(self, dim: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(dim, dim, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return jax.nn.gelu(self.fc(x)) + jax.nn.gelu(x, approximate=False)
