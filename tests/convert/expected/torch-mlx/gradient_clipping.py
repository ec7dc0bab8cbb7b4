"""A training step whose gradients are clipped to a global norm before Adam."""
import torch
import mlx.core as mx
from mlx import nn


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int):
        super().__init__()
        self.linear = nn.Linear(features, classes)

    def __call__(self, x: mx.array) -> mx.array:
        return self.linear(x)


def make_optimizer(model: Classifier):
    # switcheroo: cannot convert 'torch.optim.Adam' to 'mlx': MLX optimizers take no parameters and step through nn.value_and_grad(model, loss_fn) and optimizer.update(model, grads): the training rewrite for MLX is not implemented yet
    return torch.optim.Adam(model.parameters(), lr=3e-4)


def train_step(model: Classifier, optimizer, x: mx.array, y: mx.array):
    # switcheroo: no mapping for 'torch.optim.Optimizer.zero_grad' to 'mlx'
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    # switcheroo: no mapping for 'torch.Tensor.backward' to 'mlx'
    loss.backward()
    # switcheroo: no mapping for 'torch.nn.utils.clip_grad_norm_' to 'mlx'
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    # switcheroo: no mapping for 'torch.optim.Optimizer.step' to 'mlx'
    optimizer.step()
    return loss
