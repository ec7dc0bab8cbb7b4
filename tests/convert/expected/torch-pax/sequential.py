"""A classifier built entirely from nn.Sequential."""
import torch.nn as nn
import jax
import jax.numpy as jnp


def make_classifier(in_features: int, hidden: int, num_classes: int) -> nn.Sequential:
    # switcheroo: cannot convert 'torch.nn.Sequential' to 'paxml': praxis.layers.Sequential takes its layers as a list of templates: Praxis layers are not converted yet
    # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
    return nn.Sequential(
        lambda x: x.reshape(x.shape[0], -1),
        nn.Linear(in_features, hidden),
        jax.nn.relu,
        nn.Linear(hidden, hidden),
        jnp.tanh,
        nn.Linear(hidden, num_classes),
    )


model = make_classifier(784, 256, 10)
