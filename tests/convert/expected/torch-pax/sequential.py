"""A classifier built entirely from nn.Sequential."""
import torch.nn as nn
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import pax_fiddle


def make_classifier(in_features: int, hidden: int, num_classes: int) -> nn.Sequential:
    # switcheroo: cannot convert 'torch.nn.Sequential' to 'paxml': praxis.layers.Sequential takes its layers as one list of templates (layers=[pax_fiddle.Config(...), ...]): the layers an nn.Sequential builds are not written as templates yet
    return nn.Sequential(
        lambda x: x.reshape(x.shape[0], -1),
        pl.FeedForward(input_dims=in_features, output_dims=hidden, activation_tpl=pax_fiddle.Config(pl.Identity)),
        jax.nn.relu,
        pl.FeedForward(input_dims=hidden, output_dims=hidden, activation_tpl=pax_fiddle.Config(pl.Identity)),
        jnp.tanh,
        pl.FeedForward(input_dims=hidden, output_dims=num_classes, activation_tpl=pax_fiddle.Config(pl.Identity)),
    )


model = make_classifier(784, 256, 10)
