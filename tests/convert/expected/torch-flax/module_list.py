"""Lists of layers: a residual stack built by a comprehension and run in a loop, and a list
written out, whose layers are called by index."""
import jax
from flax import nnx


class ResidualStack(nnx.Module):
    def __init__(self, features: int, depth: int, classes: int, *, rngs: nnx.Rngs):
        self.blocks = nnx.List([nnx.Linear(features, features, rngs=rngs) for _ in range(depth)])
        self.norms = nnx.List([nnx.LayerNorm(features, epsilon=1e-05, rngs=rngs), nnx.LayerNorm(features, epsilon=1e-05, rngs=rngs)])
        self.head = nnx.Linear(features, classes, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        for block in self.blocks:
            x = x + jax.nn.gelu(block(x), approximate=False)
        x = self.norms[0](x)
        return self.head(self.norms[1](x))
