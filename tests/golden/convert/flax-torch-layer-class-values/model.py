from typing import Callable, Optional, Type, Union

import jax
from flax import nnx


class Basic(nnx.Module):
    expansion = 1

    def __init__(self, cin: int, cout: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(cin, cout, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.fc(x)


class Wide(Basic):
    expansion = 2


def make_stage(block: Type[Union[Basic, Wide]], cin: int, cout: int, *, rngs: nnx.Rngs) -> nnx.Sequential:
    # `block` holds a class of this file: the keys leave its calls.
    return nnx.Sequential(block(cin, cout * block.expansion, rngs=rngs), block(cout * block.expansion, cout, rngs=rngs))


class Net(nnx.Module):
    def __init__(self, cin: int, blocks: Optional[list] = None,
                 head: Callable[..., nnx.Module] = Basic, *, rngs: nnx.Rngs):
        if blocks is None:
            blocks = [Basic, Wide]
        first = blocks[0]
        self.stem = first(cin, 8, rngs=rngs)
        self.stage = make_stage(Wide, 8, 8, rngs=rngs)
        self.head = head(8, 2, rngs=rngs)
        # A class handed to a call is the call's argument: `built` holds what it returns.
        built = make_stage(Basic, 2, 2, rngs=rngs)
        self.tail = built

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.tail(self.head(self.stage(self.stem(x))))
