"""nn.GELU given as a value, to be called later (torchvision's MLP with
activation_layer=nn.GELU): its `approximate` matters, so the value is a function of it with
PyTorch's default, passing it through the value table as a variable."""
import functools
import jax
from flax import nnx


class Block(nnx.Module):
    def __init__(self, c: int, approximate: str, activation_layer=lambda inplace=None: jax.nn.relu, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(c, c, rngs=rngs)
        self.act = activation_layer(approximate=approximate)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.act(self.fc(x))


class Net(nnx.Module):
    def __init__(self, c: int, *, rngs: nnx.Rngs):
        self.exact = Block(c, "none", lambda approximate='none': functools.partial(jax.nn.gelu, approximate={'none': False, 'tanh': True}.get(approximate, approximate)), rngs=rngs)
        self.tanh = Block(c, "tanh", activation_layer=lambda approximate='none': functools.partial(jax.nn.gelu, approximate={'none': False, 'tanh': True}.get(approximate, approximate)), rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.tanh(x) * 3.0 + self.exact(x)
