from typing import List

from torch import nn


class MLP(nn.Sequential):
    # A subclass of nnx.Sequential: a module class of its file.
    def __init__(self, c: int, hidden: List[int]) -> None:
        layers = []
        for width in hidden:
            layers.append(nn.Linear(c, width))
            layers.append(nn.GELU(approximate='tanh'))
            c = width
        super().__init__(*layers)
