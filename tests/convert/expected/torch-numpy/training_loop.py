"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import torch
import torch.nn as nn
import numpy as np


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.hidden = nn.Linear(features, 16)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.out = nn.Linear(16, 1)

    def forward(self, x: np.ndarray) -> np.ndarray:
        return self.out(np.maximum(self.hidden(x), 0.0))


def train(model: Net, batches, epochs: int = 3):
    # switcheroo: no mapping for 'torch.optim.Adam' to 'numpy'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'numpy'
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(epochs):
        for x, y in batches:
            # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'numpy'
            optimizer.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            # switcheroo: no mapping for 'torch.Tensor.backward' to 'numpy'
            loss.backward()
            # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'numpy'
            optimizer.step()
    return model


def evaluate(model: Net, x: np.ndarray, y: np.ndarray):
    # switcheroo: no mapping for 'torch.no_grad' to 'numpy'
    with torch.no_grad():
        error = ((model(x) - y) ** 2).mean()
    return error
