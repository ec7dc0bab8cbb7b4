"""Adam on a small regressor: one training step."""
import optax
from flax import nnx
import torch
from torch import nn


class Regressor(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.linear = nn.Linear(features, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    # switcheroo: no mapping for 'flax.nnx.Optimizer' to 'torch'
    return nnx.Optimizer(model, optax.adam(lr), wrt=nn.Parameter)


def train_step(model: Regressor, optimizer: nnx.Optimizer, x: torch.Tensor, y: torch.Tensor):
    def loss_fn(model):
        return ((model(x) - y) ** 2).mean()

    # switcheroo: cannot convert 'flax.nnx.value_and_grad' to 'torch': reading it is the 'training_step' hook's work, which does not rewrite towards 'torch'
    loss, grads = nnx.value_and_grad(loss_fn)(model)
    optimizer.update(model, grads)
    return loss
