"""Adam on a small regressor: one training step."""
import torch
import mlx.core as mx
from mlx import nn


class Regressor(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.linear = nn.Linear(features, 1)

    def __call__(self, x: mx.array) -> mx.array:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    # switcheroo: cannot convert 'torch.optim.Adam' to 'mlx': MLX optimizers take no parameters and step through nn.value_and_grad(model, loss_fn) and optimizer.update(model, grads): the training rewrite for MLX is not implemented yet
    return torch.optim.Adam(model.parameters(), lr=lr)


def train_step(model: Regressor, optimizer, x: mx.array, y: mx.array):
    # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'mlx'
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    # switcheroo: no mapping for 'torch.Tensor.backward' to 'mlx'
    loss.backward()
    # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'mlx'
    optimizer.step()
    return loss
