"""A pre-norm transformer encoder block with multi-head self-attention."""
import functools
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class SelfAttention(base_layer.BaseLayer):
    dim: int = 0
    heads: int = 0
    def setup(self):
        self.create_child('qkv', pax_fiddle.Config(pl.FeedForward, input_dims=self.dim, output_dims=self.dim * 3, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('out', pax_fiddle.Config(pl.FeedForward, input_dims=self.dim, output_dims=self.dim, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
        b, t, d = x.shape
        q, k, v = jnp.split(self.qkv(x), 3, axis=-1)
        q = q.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        k = k.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        v = v.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        scores = jnp.matmul(q, k.swapaxes(-2, -1)) / (d // self.heads) ** 0.5
        weights = jax.nn.softmax(scores, axis=-1)
        y = jnp.matmul(weights, v).swapaxes(1, 2).reshape(b, t, d)
        return self.out(y)


class TransformerBlock(base_layer.BaseLayer):
    dim: int = 0
    heads: int = 0
    hidden: int = 0
    dropout: float = 0.1
    def setup(self):
        self.create_child('norm1', pax_fiddle.Config(pl.LayerNorm, dim=self.dim, epsilon=1e-05, direct_scale=True))
        self.create_child('attn', pax_fiddle.Config(SelfAttention, dim=self.dim, heads=self.heads))
        self.create_child('norm2', pax_fiddle.Config(pl.LayerNorm, dim=self.dim, epsilon=1e-05, direct_scale=True))
        self.create_child('ff', pax_fiddle.Config(pl.Sequential, layers=[pax_fiddle.Config(pl.FeedForward, input_dims=self.dim, output_dims=self.hidden, activation_tpl=pax_fiddle.Config(pl.Identity)), pax_fiddle.Config(functools.partial, jax.nn.gelu, approximate=False), pax_fiddle.Config(pl.FeedForward, input_dims=self.hidden, output_dims=self.dim, activation_tpl=pax_fiddle.Config(pl.Identity))],
        ))
        self.create_child('drop', pax_fiddle.Config(pl.Dropout, keep_prob=1 - self.dropout))

    def __call__(self, x: jax.Array) -> jax.Array:
        x = x + self.drop(self.attn(self.norm1(x)))
        return x + self.drop(self.ff(self.norm2(x)))
