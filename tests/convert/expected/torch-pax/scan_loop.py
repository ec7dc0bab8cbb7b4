"""Loops over a sequence that carry state: a running sum and an Elman RNN."""
import torch.nn as nn
import jax
import jax.numpy as jnp


def running_sum(x: jax.Array) -> jax.Array:
    total = jnp.zeros_like(x[0])
    rows = []
    for row in x:
        total = total + row
        rows.append(total)
    return jnp.stack(rows)


class ElmanRNN(nn.Module):
    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.input_proj = nn.Linear(input_size, hidden_size)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.recurrent = nn.Linear(hidden_size, hidden_size, bias=False)

    def forward(self, xs: jax.Array) -> jax.Array:
        h = jnp.zeros((xs.shape[1], self.hidden_size))
        outputs = []
        for x in xs:
            h = jnp.tanh(self.input_proj(x) + self.recurrent(h))
            outputs.append(h)
        return jnp.stack(outputs)
