"""A whole training loop as MLX users write it: a loss function of the model, epochs of Adam
steps (value_and_grad, update, eval), then an evaluation."""
import torch
import torch.nn.functional as F
from torch import nn


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.hidden = nn.Linear(features, 16)
        self.out = nn.Linear(16, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.hidden(x)))


def loss_fn(model: Net, x: torch.Tensor, y: torch.Tensor):
    return F.mse_loss(model(x), y, reduction="mean")


def train(model: Net, batches, epochs: int = 3):
    # bias_correction=True: MLX's Adam corrects the moments' bias only when asked
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(epochs):
        for x, y in batches:
            optimizer.zero_grad()
            loss = loss_fn(model, x, y)
            loss.backward()
            optimizer.step()
    return model


def evaluate(model: Net, x: torch.Tensor, y: torch.Tensor):
    return torch.mean(torch.square(model(x) - y))
