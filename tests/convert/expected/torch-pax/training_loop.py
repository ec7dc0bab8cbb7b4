"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import torch
import torch.nn as nn
import jax


class Net(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.hidden = nn.Linear(features, 16)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.out = nn.Linear(16, 1)

    def forward(self, x: jax.Array) -> jax.Array:
        return self.out(jax.nn.relu(self.hidden(x)))


def train(model: Net, batches, epochs: int = 3):
    # switcheroo: cannot convert 'torch.optim.Adam' to 'paxml': PaxML configures optimizers in the experiment's Learner (praxis.optimizers), not in model code: not converted
    # switcheroo: no mapping for 'torch.nn.Module.parameters' to 'paxml'
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(epochs):
        for x, y in batches:
            # switcheroo: cannot convert 'torch.optim.Optimizer.zero_grad' to 'paxml': PaxML's training loop lives in the experiment's Learner, not in model code: not converted
            optimizer.zero_grad()
            loss = ((model(x) - y) ** 2).mean()
            # switcheroo: cannot convert 'torch.Tensor.backward' to 'paxml': PaxML's training loop lives in the experiment's Learner, not in model code: not converted
            loss.backward()
            optimizer.step()
    return model


def evaluate(model: Net, x: jax.Array, y: jax.Array):
    # switcheroo: no mapping for 'torch.no_grad' to 'paxml'
    with torch.no_grad():
        error = ((model(x) - y) ** 2).mean()
    return error
