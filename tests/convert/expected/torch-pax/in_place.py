"""In-place updates (issue 21): methods, functions, stores on views, item and masked
assignment, and updates whose value is used."""
import typing
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


def masked_scores(q: jax.Array, k: jax.Array, pad: jax.Array):
    scores = jnp.matmul(q, k.swapaxes(-2, -1))
    scores = jnp.divide(scores, q.shape[-1] ** 0.5)
    scores = jnp.where(pad[:, None, :], -1e9, scores)
    scores = scores.at[:, :, 0].set(0.0)
    return jax.nn.softmax(scores, -1)


def clipped(x: jax.Array):
    y = jnp.tanh(x)
    y = jnp.add(jnp.multiply(y, 2.0), 1.0)
    y = jnp.clip(y, min=-0.5, max=2.5)
    y = jnp.where(y < 0, 0.0, y)
    y = jax.nn.relu(y)
    y = y.at[:, 0].add(1.0)
    y = y.at[:, 1].set(y[:, 1] - 0.25)
    y = y.at[:, 2].multiply(3.0)
    return y


def activated(x: jax.Array):
    y = x * 1.5
    y = jax.nn.relu(y)
    z = jax.nn.sigmoid(x - 0.5)
    w = (y := jnp.tanh(jnp.multiply(y, 0.5)))
    return y + z + w + jax.nn.relu(y - 0.25)


class InPlaceBlock(base_layer.BaseLayer):
    d: typing.Any = None
    def setup(self):
        self.create_child('proj', pax_fiddle.Config(pl.FeedForward, input_dims=self.d, output_dims=self.d, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x):
        h = self.proj(x)
        h = jnp.multiply(h, 0.5)
        h = h.at[:, -1].set(0)
        h = h.at[:, 0].set(0.25)
        h = jnp.where(h > 0.3, h * 2.0, h)
        out = jax.nn.sigmoid(h)
        out = out.at[:, 1].set(1.0)
        return out
