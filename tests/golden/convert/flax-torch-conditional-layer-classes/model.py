from typing import Callable

import jax
from flax import nnx


class Block(nnx.Module):
    def __init__(self, c: int, activation_layer: Callable[..., nnx.Module] = lambda inplace=None: jax.nn.relu, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(c, c, rngs=rngs)
        self.act = activation_layer(inplace=True)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.act(self.fc(x))


class Net(nnx.Module):
    def __init__(self, c: int, hard: bool = True, smooth: bool = False, *, rngs: nnx.Rngs):
        # Either branch of a conditional expression is the class given as a value.
        activation_layer = (lambda inplace=None: jax.nn.hard_swish) if hard else (lambda inplace=None: jax.nn.relu)
        second = (lambda inplace=None: jax.nn.relu6) if not hard else (lambda inplace=None: jax.nn.silu) if smooth else (lambda inplace=None: jax.nn.hard_sigmoid)
        self.first = Block(c, activation_layer, rngs=rngs)
        self.second = Block(c, activation_layer=second, rngs=rngs)
        self.third = Block(c, (lambda inplace=None: jax.nn.relu) if smooth else (lambda inplace=None: jax.nn.relu6), rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.third(self.second(self.first(x)))
