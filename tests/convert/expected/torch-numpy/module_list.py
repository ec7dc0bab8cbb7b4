"""Lists of layers: a residual stack built by a comprehension and run in a loop, and a list
written out, whose layers are called by index."""
import torch.nn as nn
import math
import numpy as np


class ResidualStack(nn.Module):
    def __init__(self, features: int, depth: int, classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.ModuleList' to 'numpy'
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.blocks = nn.ModuleList([nn.Linear(features, features) for _ in range(depth)])
        # switcheroo: no mapping for 'torch.nn.ModuleList' to 'numpy'
        # switcheroo: no mapping for 'torch.nn.LayerNorm' to 'numpy'
        self.norms = nn.ModuleList([nn.LayerNorm(features), nn.LayerNorm(features)])
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.head = nn.Linear(features, classes)

    def forward(self, x: np.ndarray) -> np.ndarray:
        for block in self.blocks:
            x = x + (lambda x, approximate: 0.5 * x * (1 + (np.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3)) if approximate else np.vectorize(math.erf, otypes=[float])(x / np.sqrt(2.0)))))(block(x), False)
        x = self.norms[0](x)
        return self.head(self.norms[1](x))
