"""Pre-norm residual feed-forward block."""
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class PreNormFeedForward(base_layer.BaseLayer):
    dim: int = 0
    hidden: int = 0
    def setup(self):
        self.create_child('norm', pax_fiddle.Config(pl.LayerNorm, dim=self.dim, epsilon=1e-05, direct_scale=True))
        self.create_child('up', pax_fiddle.Config(pl.FeedForward, input_dims=self.dim, output_dims=self.hidden, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('down', pax_fiddle.Config(pl.FeedForward, input_dims=self.hidden, output_dims=self.dim, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
        return x + self.down(jnp.tanh(self.up(self.norm(x))))
