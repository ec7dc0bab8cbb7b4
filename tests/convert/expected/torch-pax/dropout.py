"""Dropout on the input features, then a projection."""
import torch.nn as nn
import jax


class DropoutProjection(nn.Module):
    def __init__(self, dim: int, rate: float = 0.5):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Dropout' to 'paxml': praxis.layers.Dropout takes keep_prob (1 - p) as a hyper-parameter field and draws from the layer's PRNG stream: Praxis layers are not converted yet
        self.drop = nn.Dropout(rate)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: jax.Array) -> jax.Array:
        return self.proj(self.drop(x))
