"""Global average pooling before a classifier head."""
import torch.nn as nn
import functools
import jax
import jax.numpy as jnp


class PooledClassifier(nn.Module):
    def __init__(self, in_channels: int, width: int, num_classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv = nn.Conv2d(in_channels, width, kernel_size=3, padding=1)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.reduce = nn.Conv2d(width, width, 1, 1, 0, bias=False)
        self.pool = functools.partial(jnp.mean, axis=(1, 2), keepdims=True)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.head = nn.Linear(width, num_classes)

    def forward(self, x: jax.Array) -> jax.Array:
        x = self.pool(self.reduce(jax.nn.relu(self.conv(x))))
        return self.head(x.reshape(x.shape[0], -1))


def global_pool(x: jax.Array) -> jax.Array:
    return jnp.mean(x, axis=(1, 2), keepdims=True)


def pooled_per_axis(x: jax.Array) -> jax.Array:
    return jnp.mean(x, axis=(1, 2), keepdims=True)


def channel_means(x: jax.Array) -> jax.Array:
    return x.mean(axis=(2, 3))
