"""Training steps towards Keras: a batch loop becomes compile + fit, a single step compile +
train_on_batch, and a gradient clip the optimizer's global_clipnorm."""
import torch
import torch.nn as nn


class Regressor(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.linear = nn.Linear(features, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


def make_optimizer(model: Regressor):
    return torch.optim.Adam(model.parameters(), lr=1e-3)


def train_step(model: Regressor, optimizer, x: torch.Tensor, y: torch.Tensor):
    optimizer.zero_grad()
    prediction = model(x)
    loss = ((prediction - y) ** 2).mean()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 0.5)
    optimizer.step()
    return loss


def train(model: Regressor, optimizer, batches, epochs: int):
    for _ in range(epochs):
        for x, y in batches:
            optimizer.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            loss.backward()
            optimizer.step()


def weighted_step(model: Regressor, optimizer, x, y, weight):
    # the loss reads two parameters besides the input: which one is the target is not known
    optimizer.zero_grad()
    loss = (weight * (model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
    return loss


def logged_step(model: Regressor, optimizer, x, y):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    print(loss)
    optimizer.step()
    return loss
