"""Global average pooling before a classifier head."""
import functools
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class PooledClassifier(base_layer.BaseLayer):
    in_channels: int = 0
    width: int = 0
    num_classes: int = 0
    def setup(self):
        self.create_child('conv', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.in_channels, self.width), filter_stride=(1, 1), padding='SAME', bias=True))
        self.create_child('reduce', pax_fiddle.Config(pl.Conv2D, filter_shape=(1, 1, self.width, self.width), filter_stride=(1, 1), padding='VALID', bias=False))
        self.create_child('pool', pax_fiddle.Config(functools.partial, jnp.mean, axis=(1, 2), keepdims=True))
        self.create_child('head', pax_fiddle.Config(pl.FeedForward, input_dims=self.width, output_dims=self.num_classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
        x = self.pool(self.reduce(jax.nn.relu(self.conv(x))))
        return self.head(x.reshape(x.shape[0], -1))


def global_pool(x: jax.Array) -> jax.Array:
    return jnp.mean(x, axis=(1, 2), keepdims=True)


def pooled_per_axis(x: jax.Array) -> jax.Array:
    return jnp.mean(x, axis=(1, 2), keepdims=True)


def channel_means(x: jax.Array) -> jax.Array:
    return x.mean(axis=(2, 3))
