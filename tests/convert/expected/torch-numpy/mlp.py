"""A multi-layer perceptron with dropout between the hidden layers."""
import torch.nn as nn
import numpy as np


class MLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, dropout: float = 0.1):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.fc1 = nn.Linear(in_features, hidden)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.fc2 = nn.Linear(hidden, hidden)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.head = nn.Linear(hidden, out_features, bias=False)
        # switcheroo: no mapping for 'torch.nn.Dropout' to 'numpy'
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = np.maximum(self.fc1(x), 0.0)
        x = self.dropout(x)
        x = np.maximum(self.fc2(x), 0.0)
        return self.head(x)
