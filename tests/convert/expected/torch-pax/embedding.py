"""Token embedding with a mean-pooled bag-of-words classifier."""
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
