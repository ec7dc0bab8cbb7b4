"""Pre-norm residual feed-forward block."""
import torch.nn as nn
import jax
import jax.numpy as jnp


class PreNormFeedForward(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.LayerNorm' to 'paxml': praxis.layers.LayerNorm takes dim and epsilon as hyper-parameter fields: Praxis layers are not converted yet
        self.norm = nn.LayerNorm(dim)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.up = nn.Linear(dim, hidden)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.down = nn.Linear(hidden, dim)

    def forward(self, x: jax.Array) -> jax.Array:
        return x + self.down(jnp.tanh(self.up(self.norm(x))))
