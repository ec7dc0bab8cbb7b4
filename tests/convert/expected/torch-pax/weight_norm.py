"""Weight-normalized layers (Salimans & Kingma): w = g * v / |v|."""
import torch.nn as nn
from torch.nn.utils import weight_norm
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class WeightNormMLP(base_layer.BaseLayer):
    features: int = 0
    hidden: int = 0
    out_features: int = 0
    def setup(self):
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'paxml'
        self.fc1 = weight_norm(pl.FeedForward(input_dims=self.features, output_dims=self.hidden, activation_tpl=pax_fiddle.Config(pl.Identity)))
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'paxml'
        self.fc2 = nn.utils.weight_norm(pl.FeedForward(input_dims=self.hidden, output_dims=self.out_features, activation_tpl=pax_fiddle.Config(pl.Identity)), dim=0)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.fc2(jax.nn.relu(self.fc1(x)))
