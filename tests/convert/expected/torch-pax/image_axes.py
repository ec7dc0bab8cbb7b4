"""Axis numbers written about images: they follow the converted model's layout."""
import torch.nn as nn
import jax
import jax.numpy as jnp


class SqueezeExcite(nn.Module):
    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.fc1 = nn.Linear(channels, channels // reduction)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.fc2 = nn.Linear(channels // reduction, channels)

    def forward(self, x: jax.Array) -> jax.Array:
        y = jax.nn.relu(self.conv(x))
        weights = y.mean(axis=(2, 3))
        weights = jax.nn.sigmoid(self.fc2(jax.nn.relu(self.fc1(weights))))
        return y * weights[:, :, None, None]


class TwoBranch(nn.Module):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.left = nn.Conv2d(channels, channels, kernel_size=1)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.right = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        # switcheroo: cannot convert 'torch.nn.MaxPool2d' to 'paxml': praxis.layers.Pooling takes window_shape, window_stride and pooling_type as hyper-parameter fields: Praxis layers are not converted yet
        self.pool = nn.MaxPool2d(2)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.head = nn.Linear(2 * channels, classes)

    def forward(self, x: jax.Array) -> jax.Array:
        both = jnp.concatenate([self.left(x), self.right(x)], axis=1)
        both = self.pool(both)
        channels = both.shape[1]
        scores = jax.nn.softmax(both, axis=1)
        tokens = scores.reshape(scores.shape[:2] + (-1,)).swapaxes(1, 2)
        peak = jnp.max(scores, axis=(2, 3))
        assert tokens.shape[-1] == channels
        return self.head(tokens.mean(axis=1)) + peak.sum()


class Head(nn.Module):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv = nn.Conv2d(3, channels, kernel_size=3, padding=1)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.fc = nn.Linear(channels * 8 * 8, classes)

    def forward(self, images: jax.Array) -> jax.Array:
        features = jax.nn.relu(self.conv(images))
        first_row = features[:, :, 0]
        return self.fc(features.reshape(features.shape[0], -1)) + first_row.sum()


def channel_shuffle(x: jax.Array, groups: int) -> jax.Array:
    batch, channels, height, width = x.shape
    x = x.reshape(batch, groups, channels // groups, height, width)
    return x.swapaxes(1, 2).reshape(batch, channels, height, width)


class ShuffleBlock(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv = nn.Conv2d(channels, channels, kernel_size=1)

    def forward(self, x: jax.Array) -> jax.Array:
        return channel_shuffle(jax.nn.relu(self.conv(x)), 2)
