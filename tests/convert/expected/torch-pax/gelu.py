"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import functools
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class GeluBlock(base_layer.BaseLayer):
    dim: int = 0
    def setup(self):
        self.create_child('fc', pax_fiddle.Config(pl.FeedForward, input_dims=self.dim, output_dims=self.dim, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('act', pax_fiddle.Config(functools.partial, jax.nn.gelu, approximate=False))

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.act(self.fc(x)) + jax.nn.gelu(x, approximate=True)
