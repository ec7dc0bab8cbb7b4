"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import functools
import jax
from flax import nnx


class GeluBlock(nnx.Module):
    def __init__(self, dim: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(dim, dim, rngs=rngs)
        self.act = functools.partial(jax.nn.gelu, approximate=False)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.act(self.fc(x)) + jax.nn.gelu(x, approximate=True)
