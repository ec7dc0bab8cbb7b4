"""Adam on a small regressor: one training step."""
import torch
import torch.nn as nn


class Regressor(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.linear = nn.Linear(features, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    return torch.optim.Adam(model.parameters(), lr=lr)


def train_step(model: Regressor, optimizer, x: torch.Tensor, y: torch.Tensor):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
    return loss
