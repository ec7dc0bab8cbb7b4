"""A training step whose gradients are clipped to a global norm before Adam."""
import torch
import torch.nn as nn
import jax


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.linear = nn.Linear(features, classes)

    def forward(self, x: jax.Array) -> jax.Array:
        return self.linear(x)


def make_optimizer(model: Classifier):
    # switcheroo: cannot convert 'torch.optim.Adam' to 'paxml': PaxML configures optimizers in the experiment's Learner (praxis.optimizers), not in model code: not converted
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'paxml'
    return torch.optim.Adam(model.parameters(), lr=3e-4)


def train_step(model: Classifier, optimizer, x: jax.Array, y: jax.Array):
    # switcheroo: cannot convert 'torch.optim.Optimizer.zero_grad' to 'paxml': PaxML's training loop lives in the experiment's Learner, not in model code: not converted
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    # switcheroo: cannot convert 'torch.Tensor.backward' to 'paxml': PaxML's training loop lives in the experiment's Learner, not in model code: not converted
    loss.backward()
    # switcheroo: no mapping for 'torch.nn.utils.clip_grad_norm_' to 'paxml'
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'paxml'
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return loss
