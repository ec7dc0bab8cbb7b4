"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import torch.nn as nn
import numpy as np


class GeluBlock(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.fc = nn.Linear(dim, dim)
        # switcheroo: cannot convert 'torch.nn.GELU' to 'numpy': no value for 'input'
        self.act = nn.GELU()

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.act(self.fc(x)) + 0.5 * x * (1 + np.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3)))
