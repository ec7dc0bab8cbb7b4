"""A classifier built entirely from nn.Sequential."""
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import pax_fiddle


def make_classifier(in_features: int, hidden: int, num_classes: int) -> pl.Sequential:
    return pl.Sequential(
        layers=[lambda x: x.reshape(x.shape[0], -1), pl.FeedForward(input_dims=in_features, output_dims=hidden, activation_tpl=pax_fiddle.Config(pl.Identity)), jax.nn.relu, pl.FeedForward(input_dims=hidden, output_dims=hidden, activation_tpl=pax_fiddle.Config(pl.Identity)), jnp.tanh, pl.FeedForward(input_dims=hidden, output_dims=num_classes, activation_tpl=pax_fiddle.Config(pl.Identity))],
    )


model = make_classifier(784, 256, 10)
