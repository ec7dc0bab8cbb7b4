"""Token embedding with a mean-pooled bag-of-words classifier."""
import torch.nn as nn
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class BagOfEmbeddings(base_layer.BaseLayer):
    vocab_size: int = 0
    dim: int = 0
    num_classes: int = 0
    def setup(self):
        self.create_child('embed', pax_fiddle.Config(pl.Embedding, num_classes=self.vocab_size, input_dims=self.dim))
        self.create_child('classifier', pax_fiddle.Config(pl.FeedForward, input_dims=self.dim, output_dims=self.num_classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, tokens: jax.Array) -> jax.Array:
        vectors = self.embed(tokens)
        return self.classifier(vectors.mean(axis=1))


class PaddedBagOfEmbeddings(base_layer.BaseLayer):
    """Token 0 pads: its row of the table starts at zero, so padding adds nothing to the sum."""

    vocab_size: int = 0
    dim: int = 0
    num_classes: int = 0
    def setup(self):
        # switcheroo: cannot convert 'torch.nn.Embedding' to 'paxml': 'praxis.layers.Embedding' has no 'padding_idx' (only its default converts)
        self.embed = nn.Embedding(self.vocab_size, self.dim, padding_idx=0)
        self.create_child('classifier', pax_fiddle.Config(pl.FeedForward, input_dims=self.dim, output_dims=self.num_classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, tokens: jax.Array) -> jax.Array:
        return self.classifier(self.embed(tokens).sum(axis=1))
