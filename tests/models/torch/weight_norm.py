"""Weight-normalized layers (Salimans & Kingma): w = g * v / |v|."""
import torch
import torch.nn as nn
from torch.nn.utils import weight_norm


class WeightNormMLP(nn.Module):
    def __init__(self, features: int, hidden: int, out_features: int):
        super().__init__()
        self.fc1 = weight_norm(nn.Linear(features, hidden))
        self.fc2 = nn.utils.weight_norm(nn.Linear(hidden, out_features), dim=0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.relu(self.fc1(x)))
