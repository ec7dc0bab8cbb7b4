"""A training step whose gradients are clipped to a global norm before Adam."""
import optax
from flax import nnx
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int):
        super().__init__()
        self.linear = nn.Linear(features, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


def make_optimizer(model: Classifier):
    # switcheroo: no mapping for 'optax.chain' to 'torch'
    tx = optax.chain(optax.clip_by_global_norm(1.0), optax.adam(3e-4))
    # switcheroo: no mapping for 'flax.nnx.Optimizer' to 'torch'
    return nnx.Optimizer(model, tx, wrt=nn.Parameter)


def train_step(model: Classifier, optimizer: nnx.Optimizer, x: torch.Tensor, y: torch.Tensor):
    def loss_fn(model):
        return ((model(x) - y) ** 2).mean()

    # switcheroo: cannot convert 'flax.nnx.value_and_grad' to 'torch': reading it is the 'training_step' hook's work, which does not rewrite towards 'torch'
    loss, grads = nnx.value_and_grad(loss_fn)(model)
    optimizer.update(model, grads)
    return loss
