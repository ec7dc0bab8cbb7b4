"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class SelfAttentionBlock(base_layer.BaseLayer):
    width: int = 0
    heads: int = 0
    def setup(self):
        self.create_child('attn', pax_fiddle.Config(pl.DotProductAttention, input_dim=self.width, hidden_dim=self.width, num_heads=self.heads, internal_enable_per_dim_scale=False))
        self.create_child('norm', pax_fiddle.Config(pl.LayerNorm, dim=self.width, epsilon=1e-05, direct_scale=True))

    def __call__(self, x: jax.Array) -> jax.Array:
        out, _ = self.attn(x, x, x, atten_mask=jnp.zeros((1, 1, 1, x.shape[1])))
        return self.norm(x + out)


class CrossAttention(base_layer.BaseLayer):
    width: int = 0
    heads: int = 0
    def setup(self):
        self.create_child('attn', pax_fiddle.Config(pl.DotProductAttention, input_dim=self.width, hidden_dim=self.width, num_heads=self.heads, use_bias=False, internal_enable_per_dim_scale=False))
        self.create_child('proj', pax_fiddle.Config(pl.FeedForward, input_dims=self.width, output_dims=self.width, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, query: jax.Array, memory: jax.Array) -> jax.Array:
        return self.proj(self.attn(query, memory, memory, atten_mask=jnp.zeros((1, 1, 1, memory.shape[1])))[0])


class SequenceFirst(base_layer.BaseLayer):
    width: int = 0
    heads: int = 0
    def setup(self):
        self.create_child('attn', pax_fiddle.Config(pl.DotProductAttention, input_dim=self.width, hidden_dim=self.width, num_heads=self.heads, internal_enable_per_dim_scale=False))

    def __call__(self, x: jax.Array) -> jax.Array:
        out = self.attn(x.swapaxes(0, 1), x.swapaxes(0, 1), x.swapaxes(0, 1), atten_mask=jnp.zeros((1, 1, 1, x.swapaxes(0, 1).shape[1])))[0].swapaxes(0, 1)
        return out
