"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import torch.nn as nn
import torch.nn.functional as F
import numpy as np


class GeluBlock(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.fc = nn.Linear(dim, dim)
        # switcheroo: no mapping for 'torch.nn.GELU' to 'numpy'
        self.act = nn.GELU()

    def forward(self, x: np.ndarray) -> np.ndarray:
        # switcheroo: no mapping for 'torch.nn.functional.gelu' to 'numpy'
        return self.act(self.fc(x)) + F.gelu(x, approximate="tanh")
