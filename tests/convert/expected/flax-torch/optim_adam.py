"""Adam on a small regressor: one training step."""
import torch
from torch import nn


class Regressor(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.linear = nn.Linear(features, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    return torch.optim.Adam(model.parameters(), lr=lr)


def train_step(model: Regressor, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor):
    def loss_fn(model):
        return ((model(x) - y) ** 2).mean()

    optimizer.zero_grad()
    loss = loss_fn(model)
    loss.backward()
    optimizer.step()
    return loss
