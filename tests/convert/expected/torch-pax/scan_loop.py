"""Loops over a sequence that carry state: a running sum and an Elman RNN."""
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


def running_sum(x: jax.Array) -> jax.Array:
    total = jnp.zeros_like(x[0])
    rows = []
    for row in x:
        total = total + row
        rows.append(total)
    return jnp.stack(rows)


class ElmanRNN(base_layer.BaseLayer):
    input_size: int = 0
    hidden_size: int = 0
    def setup(self):
        self.create_child('input_proj', pax_fiddle.Config(pl.FeedForward, input_dims=self.input_size, output_dims=self.hidden_size, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('recurrent', pax_fiddle.Config(pl.FeedForward, input_dims=self.hidden_size, output_dims=self.hidden_size, has_bias=False, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, xs: jax.Array) -> jax.Array:
        h = jnp.zeros((xs.shape[1], self.hidden_size))
        outputs = []
        for x in xs:
            h = jnp.tanh(self.input_proj(x) + self.recurrent(h))
            outputs.append(h)
        return jnp.stack(outputs)
