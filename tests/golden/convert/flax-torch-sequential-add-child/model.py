import jax
import jax.numpy as jnp
from flax import nnx


class Stage(nnx.Sequential):
    # Blocks added by name to the Sequential itself: they run in the order added.
    def __init__(self, c: int, depth: int, index: int = 0) -> None:
        super().__init__()
        for i in range(depth):
            self.layers.extend({f"block{index}-{i}": nnx.Linear(c, c, rngs=nnx.Rngs(0))}.values())
            self.layers.extend({f"act{index}-{i}": jnp.tanh}.values())


class Net(nnx.Module):
    def __init__(self, c: int, *, rngs: nnx.Rngs) -> None:
        self.stage = Stage(c, 2)
        self.head = nnx.Linear(c, 2, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.head(self.stage(x))


class Named(nnx.Module):
    def __init__(self, c: int, *, rngs: nnx.Rngs) -> None:
        # A module that is not a Sequential has no such form in Flax: reported.
        # switcheroo: cannot convert 'torch.nn.Module.add_module' to 'flax': 'flax' modules have no method adding a named child; only 'self.add_module(name, layer)' in a class derived from a sequential layer converts
        self.add_module("extra", nnx.Linear(c, c, rngs=rngs))
