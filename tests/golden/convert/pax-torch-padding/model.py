"""A Praxis convolution padded by jnp.pad before a 'VALID' Conv2D, towards PyTorch."""
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class Padded(base_layer.BaseLayer):
    channels: int = 4

    def setup(self):
        self.create_child('stem', pax_fiddle.Config(pl.Conv2D, filter_shape=(7, 7, 3, self.channels), filter_stride=(2, 2), padding='VALID'))
        self.create_child('wide', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.channels, self.channels), filter_stride=(1, 1), padding='VALID'))
        # padded otherwise than by zeros around H and W: kept as jnp.pad
        self.create_child('edge', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.channels, self.channels), filter_stride=(1, 1), padding='VALID'))

    def __call__(self, x: jax.Array) -> jax.Array:
        x = self.wide(jnp.pad(self.stem(jnp.pad(x, ((0, 0), (3, 3), (3, 3), (0, 0)))), ((0, 0), (2, 2), (1, 1), (0, 0))))
        return jax.nn.relu(self.edge(jnp.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)), mode='edge')))
