"""Axis numbers written about images: they follow the converted model's layout."""
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class SqueezeExcite(base_layer.BaseLayer):
    channels: int = 0
    reduction: int = 4
    def setup(self):
        self.create_child('conv', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.channels, self.channels), filter_stride=(1, 1), padding='SAME', bias=True))
        self.create_child('fc1', pax_fiddle.Config(pl.FeedForward, input_dims=self.channels, output_dims=self.channels // self.reduction, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('fc2', pax_fiddle.Config(pl.FeedForward, input_dims=self.channels // self.reduction, output_dims=self.channels, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
        y = jax.nn.relu(self.conv(x))
        weights = y.mean(axis=(1, 2))
        weights = jax.nn.sigmoid(self.fc2(jax.nn.relu(self.fc1(weights))))
        return y * weights[:, None, None, :]


class TwoBranch(base_layer.BaseLayer):
    channels: int = 0
    classes: int = 0
    def setup(self):
        self.create_child('left', pax_fiddle.Config(pl.Conv2D, filter_shape=(1, 1, self.channels, self.channels), filter_stride=(1, 1), padding='VALID', bias=True))
        self.create_child('right', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, self.channels, self.channels), filter_stride=(1, 1), padding='SAME', bias=True))
        self.create_child('pool', pax_fiddle.Config(pl.Pooling, window_shape=(2, 2), window_stride=(2, 2), padding='VALID', pooling_type='MAX'))
        self.create_child('head', pax_fiddle.Config(pl.FeedForward, input_dims=2 * self.channels, output_dims=self.classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
        both = jnp.concatenate([self.left(x), self.right(x)], axis=3)
        both = self.pool(both)[0]
        channels = both.shape[3]
        scores = jax.nn.softmax(both, axis=3)
        tokens = scores.reshape(scores.shape[:1] + (-1,) + scores.shape[3:])
        peak = jnp.max(scores, axis=(1, 2))
        assert tokens.shape[-1] == channels
        return self.head(tokens.mean(axis=1)) + peak.sum()


class Head(base_layer.BaseLayer):
    channels: int = 0
    classes: int = 0
    def setup(self):
        self.create_child('conv', pax_fiddle.Config(pl.Conv2D, filter_shape=(3, 3, 3, self.channels), filter_stride=(1, 1), padding='SAME', bias=True))
        self.create_child('fc', pax_fiddle.Config(pl.FeedForward, input_dims=self.channels * 8 * 8, output_dims=self.classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, images: jax.Array) -> jax.Array:
        features = jax.nn.relu(self.conv(images))
        first_row = features.transpose(0, 3, 1, 2)[:, :, 0]
        return self.fc(features.reshape(features.shape[0], -1)) + first_row.sum()


def channel_shuffle(x: jax.Array, groups: int) -> jax.Array:
    batch, channels, height, width = x.shape
    x = x.reshape(batch, groups, channels // groups, height, width)
    return x.swapaxes(1, 2).reshape(batch, channels, height, width)


class ShuffleBlock(base_layer.BaseLayer):
    channels: int = 0
    def setup(self):
        self.create_child('conv', pax_fiddle.Config(pl.Conv2D, filter_shape=(1, 1, self.channels, self.channels), filter_stride=(1, 1), padding='VALID', bias=True))

    def __call__(self, x: jax.Array) -> jax.Array:
        return channel_shuffle(jax.nn.relu(self.conv(x)).transpose(0, 3, 1, 2), 2).transpose(0, 2, 3, 1)
