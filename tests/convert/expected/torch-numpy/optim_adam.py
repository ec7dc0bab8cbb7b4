"""Adam on a small regressor: one training step."""
import torch
import torch.nn as nn
import numpy as np


class Regressor(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.linear = nn.Linear(features, 1)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    # switcheroo: no mapping for 'torch.optim.Adam' to 'numpy'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'numpy'
    return torch.optim.Adam(model.parameters(), lr=lr)


def train_step(model: Regressor, optimizer, x: np.ndarray, y: np.ndarray):
    # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'numpy'
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    # switcheroo: no mapping for 'torch.Tensor.backward' to 'numpy'
    loss.backward()
    # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'numpy'
    optimizer.step()
    return loss
