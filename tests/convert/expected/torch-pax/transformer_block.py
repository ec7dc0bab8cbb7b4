"""A pre-norm transformer encoder block with multi-head self-attention."""
import torch.nn as nn
import functools
import jax
import jax.numpy as jnp


class SelfAttention(nn.Module):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.qkv = nn.Linear(dim, dim * 3)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.out = nn.Linear(dim, dim)

    def forward(self, x: jax.Array) -> jax.Array:
        b, t, d = x.shape
        q, k, v = jnp.split(self.qkv(x), 3, axis=-1)
        q = q.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        k = k.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        v = v.reshape(b, t, self.heads, d // self.heads).swapaxes(1, 2)
        scores = jnp.matmul(q, k.swapaxes(-2, -1)) / (d // self.heads) ** 0.5
        weights = jax.nn.softmax(scores, axis=-1)
        y = jnp.matmul(weights, v).swapaxes(1, 2).reshape(b, t, d)
        return self.out(y)


class TransformerBlock(nn.Module):
    def __init__(self, dim: int, heads: int, hidden: int, dropout: float = 0.1):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.LayerNorm' to 'paxml': praxis.layers.LayerNorm takes dim and epsilon as hyper-parameter fields: Praxis layers are not converted yet
        self.norm1 = nn.LayerNorm(dim)
        self.attn = SelfAttention(dim, heads)
        # switcheroo: cannot convert 'torch.nn.LayerNorm' to 'paxml': praxis.layers.LayerNorm takes dim and epsilon as hyper-parameter fields: Praxis layers are not converted yet
        self.norm2 = nn.LayerNorm(dim)
        # switcheroo: cannot convert 'torch.nn.Sequential' to 'paxml': praxis.layers.Sequential takes its layers as a list of templates: Praxis layers are not converted yet
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.ff = nn.Sequential(
            nn.Linear(dim, hidden),
            functools.partial(jax.nn.gelu, approximate=False),
            nn.Linear(hidden, dim),
        )
        # switcheroo: cannot convert 'torch.nn.Dropout' to 'paxml': praxis.layers.Dropout takes keep_prob (1 - p) as a hyper-parameter field and draws from the layer's PRNG stream: Praxis layers are not converted yet
        self.drop = nn.Dropout(dropout)

    def forward(self, x: jax.Array) -> jax.Array:
        x = x + self.drop(self.attn(self.norm1(x)))
        return x + self.drop(self.ff(self.norm2(x)))
