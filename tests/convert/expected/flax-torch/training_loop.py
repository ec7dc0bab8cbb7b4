"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import optax
from flax import nnx
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.hidden = nn.Linear(features, 16)
        self.out = nn.Linear(16, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.relu(self.hidden(x)))


def loss_fn(model: Net, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return ((model(x) - y) ** 2).mean()


def train(model: Net, batches, epochs: int = 3):
    # switcheroo: no mapping for 'flax.nnx.Optimizer' to 'torch'
    optimizer = nnx.Optimizer(model, optax.adam(1e-2), wrt=nn.Parameter)
    for _ in range(epochs):
        for x, y in batches:
            # switcheroo: cannot convert 'flax.nnx.value_and_grad' to 'torch': reading it is the 'training_step' hook's work, which does not rewrite towards 'torch'
            loss, grads = nnx.value_and_grad(loss_fn)(model, x, y)
            optimizer.update(model, grads)
    return model


def evaluate(model: Net, x: torch.Tensor, y: torch.Tensor):
    return loss_fn(model, x, y).detach()
