"""A training step whose gradients are clipped to a global norm before Adam."""
import torch
import torch.nn as nn
import numpy as np


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.linear = nn.Linear(features, classes)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.linear(x)


def make_optimizer(model: Classifier):
    # switcheroo: no mapping for 'torch.optim.Adam' to 'numpy'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'numpy'
    return torch.optim.Adam(model.parameters(), lr=3e-4)


def train_step(model: Classifier, optimizer, x: np.ndarray, y: np.ndarray):
    # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'numpy'
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    # switcheroo: no mapping for 'torch.Tensor.backward' to 'numpy'
    loss.backward()
    # switcheroo: no mapping for 'torch.nn.utils.clip_grad_norm_' to 'numpy'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'numpy'
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'numpy'
    optimizer.step()
    return loss
