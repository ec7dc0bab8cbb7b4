from typing import List

import torch.nn as nn


class MLP(nn.Sequential):
    # A Sequential subclass (torchvision's ops.misc.MLP): a module class, built without keys.
    def __init__(self, c: int, hidden: List[int]) -> None:
        layers = []
        for width in hidden:
            layers.append(nn.Linear(c, width))
            layers.append(nn.GELU())
            c = width
        super().__init__(*layers)
