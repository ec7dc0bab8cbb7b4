"""The standard library a model's builder uses: a dataclass config copied and changed, a name
chosen by str.startswith, typing.cast, isinstance against the array type, expand with -1."""
import copy
from dataclasses import dataclass
from typing import List, cast

import torch
import torch.nn as nn


@dataclass
class StageConfig:
    width: int
    depth: int
    kind: str = "plain"


class Net(nn.Module):
    def __init__(self, arch):
        super().__init__()
        first = StageConfig(8, 1)
        second = copy.copy(first)
        second.width = 16
        second.depth = 2 if arch.startswith("deep") else 1
        widths = cast(List[int], [first.width, second.width])
        self.stem = nn.Conv2d(3, widths[0], 3, padding=1)
        self.blocks = nn.Sequential(*[nn.Conv2d(widths[0] if i == 0 else widths[1], widths[1], 1)
                                      for i in range(second.depth)])
        self.token = nn.Parameter(torch.zeros(1, 16, 1, 1))

    def forward(self, x):
        if isinstance(x, torch.Tensor):
            x = self.blocks(self.stem(x))
        token = self.token.expand(x.shape[0], -1, x.shape[2], -1)
        return torch.cat([token, x], dim=3)
