"""Convolution followed by 2x2 max pooling, as a layer and as a function, then a 3x3 pool with
stride 2 that keeps the partial window at the edge (ceil_mode, as in GoogLeNet and SqueezeNet)."""
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class ConvPool(base_layer.BaseLayer):
    channels: int = 0
    def setup(self):
        self.create_child('conv', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.channels, self.channels), filter_stride=(1, 1), padding='SAME', bias=True))
        self.create_child('pool', pax_fiddle.Config(pl.Pooling, window_shape=(2, 2), window_stride=(2, 2), padding='VALID', pooling_type='MAX'))
        self.create_child('edge_pool', pax_fiddle.Config(pl.Pooling, window_shape=(3, 3), window_stride=(2, 2), padding='VALID', pooling_type='MAX'))
        self.create_child('max_pool2d', pax_fiddle.Config(pl.Pooling, window_shape=(2, 2), window_stride=(1, 1), padding='VALID', pooling_type='MAX'))

    def __call__(self, x: jax.Array) -> jax.Array:
        x = self.pool(jax.nn.relu(self.conv(x)))[0]
        x = self.max_pool2d(x)[0]
        return self.edge_pool(jnp.pad(x, pad_width=((0, 0), (0, 1), (0, 1), (0, 0)), constant_values=float('-inf')))[0]
