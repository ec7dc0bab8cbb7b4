"""Weight-normalized layers (Salimans & Kingma): w = g * v / |v|."""
import torch.nn as nn
from torch.nn.utils import weight_norm
import jax


class WeightNormMLP(nn.Module):
    def __init__(self, features: int, hidden: int, out_features: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'paxml'
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.fc1 = weight_norm(nn.Linear(features, hidden))
        # switcheroo: no mapping for 'torch.nn.utils.weight_norm' to 'paxml'
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.fc2 = nn.utils.weight_norm(nn.Linear(hidden, out_features), dim=0)

    def forward(self, x: jax.Array) -> jax.Array:
        return self.fc2(jax.nn.relu(self.fc1(x)))
