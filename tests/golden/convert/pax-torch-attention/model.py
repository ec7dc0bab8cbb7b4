"""pl.DotProductAttention read back as nn.MultiheadAttention where it is called with the mask of
zeros that masks nothing; a call with another mask is not PyTorch's unmasked call and stays."""
import jax
import jax.numpy as jnp
from praxis import base_layer, layers as pl, pax_fiddle


class Attend(base_layer.BaseLayer):
    width: int = 8
    heads: int = 2

    def setup(self):
        self.create_child('attn', pax_fiddle.Config(pl.DotProductAttention, input_dim=self.width, hidden_dim=self.width, num_heads=self.heads, internal_enable_per_dim_scale=False))

    def __call__(self, tokens: jax.Array, mask: jax.Array) -> jax.Array:
        out, _ = self.attn(tokens, tokens, tokens, atten_mask=jnp.zeros((1, 1, 1, tokens.shape[1])))
        masked, _ = self.attn(out, out, out, atten_mask=mask)
        return masked
