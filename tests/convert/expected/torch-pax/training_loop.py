"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import torch
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class Net(base_layer.BaseLayer):
    features: int = 0
    def setup(self):
        self.create_child('hidden', pax_fiddle.Config(pl.FeedForward, input_dims=self.features, output_dims=16, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('out', pax_fiddle.Config(pl.FeedForward, input_dims=16, output_dims=1, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
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
