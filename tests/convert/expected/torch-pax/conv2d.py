"""A small convolutional feature extractor."""
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class ConvNet(base_layer.BaseLayer):
    in_channels: int = 3
    width: int = 16
    def setup(self):
        self.create_child('conv1', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.in_channels, self.width), filter_stride=(1, 1), padding='SAME', bias=True))
        self.create_child('conv2', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.width, self.width * 2), filter_stride=(2, 2), padding='VALID', bias=False))

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.conv1(x))
        return jax.nn.relu(self.conv2(jnp.pad(x, pad_width=((0, 0), (1, 1), (1, 1), (0, 0)))))
