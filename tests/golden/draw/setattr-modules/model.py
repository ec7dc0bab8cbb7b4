"""Modules registered with setattr: a static name, an f-string loop, a name that is not known."""
import os

import torch.nn as nn


class Net(nn.Module):
    def __init__(self, depth):
        super().__init__()
        setattr(self, "embed", nn.Linear(4, 8))
        for i in range(depth):
            setattr(self, f"block{i}", nn.Linear(8, 8))
        setattr(self, os.environ["HEAD"], nn.Linear(8, 2))
        self.depth = depth

    def forward(self, x):
        x = self.embed(x)
        for i in range(self.depth):
            x = getattr(self, f"block{i}")(x)
        return x
