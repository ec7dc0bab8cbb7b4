"""Pre-norm residual feed-forward block."""
import torch.nn as nn
import numpy as np


class PreNormFeedForward(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.LayerNorm' to 'numpy'
        self.norm = nn.LayerNorm(dim)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.up = nn.Linear(dim, hidden)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.down = nn.Linear(hidden, dim)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return x + self.down(np.tanh(self.up(self.norm(x))))
