"""Weight-normalized layers (Salimans & Kingma): w = g * v / |v|."""
import torch
from torch.nn.utils import weight_norm
import mlx.core as mx
from mlx import nn


class WeightNormMLP(nn.Module):
    def __init__(self, features: int, hidden: int, out_features: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'mlx'
        self.fc1 = weight_norm(nn.Linear(features, hidden))
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'mlx'
        self.fc2 = torch.nn.utils.weight_norm(nn.Linear(hidden, out_features), dim=0)

    def __call__(self, x: mx.array) -> mx.array:
        return self.fc2(nn.relu(self.fc1(x)))
