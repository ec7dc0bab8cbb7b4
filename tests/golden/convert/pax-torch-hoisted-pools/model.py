"""Pools built for functional pools (golden torch-pax-hoisted-pools) read back: each stays
a PyTorch pool layer, built in __init__ and called where the function was."""
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class Encoder(base_layer.BaseLayer):
    features: int = 0
    hidden: int = 0
    def setup(self):
        self.create_child('embed', pax_fiddle.Config(pl.FeedForward, input_dims=self.features, output_dims=self.hidden, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('avg_pool2d', pax_fiddle.Config(pl.Pooling, window_shape=(2, 2), window_stride=(2, 2), padding='VALID', pooling_type='AVG'))
        self.create_child('max_pool2d', pax_fiddle.Config(pl.Pooling, window_shape=(2, 2), window_stride=(2, 2), padding='VALID', pooling_type='MAX'))

    def __call__(self, x: jax.Array) -> jax.Array:
        h = self.avg_pool2d(self.max_pool2d(x)[0])[0]
        return self.embed(h)
