"""One Adam step whose gradients are clipped to a global norm, as MLX users write it."""
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int):
        super().__init__()
        self.linear = nn.Linear(features, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


def make_optimizer(model: Classifier):
    return torch.optim.Adam(model.parameters(), lr=3e-4)


def train_step(model: Classifier, optimizer, x: torch.Tensor, y: torch.Tensor):
    def loss_fn(model):
        return torch.mean(torch.square(model(x) - y))

    optimizer.zero_grad()
    loss = loss_fn(model)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return loss
