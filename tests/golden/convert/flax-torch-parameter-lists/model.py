"""rngs removed from every kind of parameter list: the list stays valid Python."""
from typing import Any

import jax
from flax import nnx


def make_block(c: int, *, rngs: nnx.Rngs, **kwargs: Any) -> nnx.Linear:
    return nnx.Linear(c, c, use_bias=kwargs.get("bias", True), rngs=rngs)


def make_head(c: int, *, rngs: nnx.Rngs, bias: bool = True) -> nnx.Linear:
    return nnx.Linear(c, 2, use_bias=bias, rngs=rngs)


def make_stem(c: int, rngs: nnx.Rngs, *args: int) -> nnx.Linear:
    return nnx.Linear(c, c, rngs=rngs)


def make_norm(
    c: int,
    *,
    rngs: nnx.Rngs,
) -> nnx.LayerNorm:
    return nnx.LayerNorm(c, rngs=rngs)


class Net(nnx.Module):
    def __init__(self, c: int, *, rngs: nnx.Rngs, **kwargs: Any):
        self.block = make_block(c, rngs=rngs, **kwargs)
        self.head = make_head(c, rngs=rngs, bias=False)
        self.stem = make_stem(c, rngs)
        self.norm = make_norm(c, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.head(self.norm(self.block(self.stem(x))))
