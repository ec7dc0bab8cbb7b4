"""Dropout on the input features, then a projection."""
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class DropoutProjection(base_layer.BaseLayer):
    dim: int = 0
    rate: float = 0.5
    def setup(self):
        self.create_child('drop', pax_fiddle.Config(pl.Dropout, keep_prob=1 - self.rate))
        self.create_child('proj', pax_fiddle.Config(pl.FeedForward, input_dims=self.dim, output_dims=self.dim, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.proj(self.drop(x))
