"""A training step whose gradients are clipped to a global norm before Adam."""
import torch
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class Classifier(base_layer.BaseLayer):
    features: int = 0
    classes: int = 0
    def setup(self):
        self.create_child('linear', pax_fiddle.Config(pl.FeedForward, input_dims=self.features, output_dims=self.classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
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
