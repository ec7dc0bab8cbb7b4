"""A language-model head tied to its token embedding (Press & Wolf): the output projection
reuses the embedding's table as its weight, so the two layers hold one tensor."""
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class TiedLanguageModel(base_layer.BaseLayer):
    vocab_size: int = 0
    dim: int = 0
    def setup(self):
        self.create_child('embed', pax_fiddle.Config(pl.Embedding, num_classes=self.vocab_size, input_dims=self.dim))
        self.create_child('norm', pax_fiddle.Config(pl.LayerNorm, dim=self.dim, epsilon=1e-05, direct_scale=True))
        self.create_child('head', pax_fiddle.Config(pl.FeedForward, input_dims=self.dim, output_dims=self.vocab_size, has_bias=False, activation_tpl=pax_fiddle.Config(pl.Identity)))
        # switcheroo: no mapping for the tie 'self.head.weight = self.embed.weight' to 'paxml': the target's traits name no 'linear' parameter 'weight' ([[weights.layer]])
        self.head.weight = self.embed.weight

    def __call__(self, tokens: jax.Array) -> jax.Array:
        return self.head(self.norm(self.embed(tokens)))
