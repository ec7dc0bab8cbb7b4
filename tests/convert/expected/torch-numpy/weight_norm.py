"""Weight-normalized layers (Salimans & Kingma): w = g * v / |v|."""
import torch.nn as nn
from torch.nn.utils import weight_norm
import numpy as np


class WeightNormMLP(nn.Module):
    def __init__(self, features: int, hidden: int, out_features: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'numpy'
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.fc1 = weight_norm(nn.Linear(features, hidden))
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'numpy'
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.fc2 = nn.utils.weight_norm(nn.Linear(hidden, out_features), dim=0)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.fc2(np.maximum(self.fc1(x), 0.0))
