"""nn.MultiheadAttention batch first (inputs (N, L, E)), for self- and cross-attention with the
attention weights discarded, and in its sequence-first default (inputs (L, N, E))."""
import torch.nn as nn
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class SelfAttentionBlock(base_layer.BaseLayer):
    width: int = 0
    heads: int = 0
    def setup(self):
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'paxml': praxis.layers.DotProductAttention's call requires atten_mask, an additive (B, 1, T, S) mask, where PyTorch's call passes none or a (T, S) one, often boolean; the engine writes no argument at a layer's call that the hub's call lacks: not converted yet
        self.attn = nn.MultiheadAttention(self.width, self.heads, batch_first=True)
        self.create_child('norm', pax_fiddle.Config(pl.LayerNorm, dim=self.width, epsilon=1e-05, direct_scale=True))

    def __call__(self, x: jax.Array) -> jax.Array:
        out, _ = self.attn(x, x, x)
        return self.norm(x + out)


class CrossAttention(base_layer.BaseLayer):
    width: int = 0
    heads: int = 0
    def setup(self):
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'paxml': praxis.layers.DotProductAttention's call requires atten_mask, an additive (B, 1, T, S) mask, where PyTorch's call passes none or a (T, S) one, often boolean; the engine writes no argument at a layer's call that the hub's call lacks: not converted yet
        self.attn = nn.MultiheadAttention(embed_dim=self.width, num_heads=self.heads, bias=False,
                                          batch_first=True)
        self.create_child('proj', pax_fiddle.Config(pl.FeedForward, input_dims=self.width, output_dims=self.width, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, query: jax.Array, memory: jax.Array) -> jax.Array:
        return self.proj(self.attn(query, memory, memory)[0])


class SequenceFirst(base_layer.BaseLayer):
    width: int = 0
    heads: int = 0
    def setup(self):
        # switcheroo: cannot convert 'torch.nn.MultiheadAttention' to 'paxml': praxis.layers.DotProductAttention's call requires atten_mask, an additive (B, 1, T, S) mask, where PyTorch's call passes none or a (T, S) one, often boolean; the engine writes no argument at a layer's call that the hub's call lacks: not converted yet
        self.attn = nn.MultiheadAttention(self.width, self.heads)

    def __call__(self, x: jax.Array) -> jax.Array:
        out, _ = self.attn(x, x, x)
        return out
