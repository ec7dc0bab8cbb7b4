"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import torch
import mlx.core as mx
from mlx import nn


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.hidden = nn.Linear(features, 16)
        self.out = nn.Linear(16, 1)

    def __call__(self, x: mx.array) -> mx.array:
        return self.out(nn.relu(self.hidden(x)))


def train(model: Net, batches, epochs: int = 3):
    # switcheroo: cannot convert 'torch.optim.Adam' to 'mlx': MLX optimizers take no parameters and step through nn.value_and_grad(model, loss_fn) and optimizer.update(model, grads): the training rewrite for MLX is not implemented yet
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(epochs):
        for x, y in batches:
            # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'mlx'
            optimizer.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            # switcheroo: no mapping for 'torch.Tensor.backward' to 'mlx'
            loss.backward()
            # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'mlx'
            optimizer.step()
    return model


def evaluate(model: Net, x: mx.array, y: mx.array):
    # switcheroo: no mapping for 'torch.no_grad' to 'mlx'
    with torch.no_grad():
        error = ((model(x) - y) ** 2).mean()
    return error
