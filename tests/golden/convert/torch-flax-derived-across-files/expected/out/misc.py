from typing import List

import functools
import jax
from flax import nnx


class MLP(nnx.Sequential):
    # A Sequential subclass (torchvision's ops.misc.MLP): a module class, built without keys.
    def __init__(self, c: int, hidden: List[int]) -> None:
        layers = []
        for width in hidden:
            layers.append(nnx.Linear(c, width, rngs=nnx.Rngs(0)))
            layers.append(functools.partial(jax.nn.gelu, approximate=False))
            c = width
        super().__init__(*layers)
