from typing import List

import jax
from flax import nnx


class MLP(nnx.Sequential):
    # A subclass of nnx.Sequential: a module class of its file.
    def __init__(self, c: int, hidden: List[int], *, rngs: nnx.Rngs) -> None:
        layers = []
        for width in hidden:
            layers.append(nnx.Linear(c, width, rngs=rngs))
            layers.append(jax.nn.gelu)
            c = width
        super().__init__(*layers)
