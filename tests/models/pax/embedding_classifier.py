"""A bag-of-embeddings classifier as a Praxis layer: its hyper-parameters are fields, its
embedding, normalization, dropout and projections children made from templates in setup()."""
import jax.numpy as jnp
from praxis import base_layer, layers as pl, pax_fiddle

JTensor = base_layer.JTensor


class BagOfEmbeddings(base_layer.BaseLayer):
    vocab_size: int = 20
    model_dims: int = 6
    num_classes: int = 3
    dropout_prob: float = 0.1

    def setup(self) -> None:
        self.create_child("embed", pax_fiddle.Config(
            pl.Embedding, num_classes=self.vocab_size, input_dims=self.model_dims))
        self.create_child("norm", pax_fiddle.Config(
            pl.LayerNorm, dim=self.model_dims, direct_scale=True))
        self.create_child("dropout", pax_fiddle.Config(pl.Dropout, keep_prob=1.0 - self.dropout_prob))
        self.create_child("hidden", pax_fiddle.Config(
            pl.FeedForward, input_dims=self.model_dims, output_dims=self.model_dims,
            activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child("head", pax_fiddle.Config(
            pl.Linear, input_dims=self.model_dims, output_dims=self.num_classes))

    def __call__(self, tokens: JTensor) -> JTensor:
        vectors = jnp.mean(self.embed(tokens), axis=1)
        return self.head(self.dropout(jnp.tanh(self.hidden(self.norm(vectors)))))


class Stack(base_layer.BaseLayer):
    """Two classifiers' logits summed: children that are layers of this file."""
    vocab_size: int = 20

    def setup(self) -> None:
        self.create_child("first", pax_fiddle.Config(BagOfEmbeddings, vocab_size=self.vocab_size))
        self.create_child("second", pax_fiddle.Config(
            BagOfEmbeddings, vocab_size=self.vocab_size, dropout_prob=0.2))

    def __call__(self, tokens: JTensor) -> JTensor:
        return self.first(tokens) + self.second(tokens)


def make_classifier() -> BagOfEmbeddings:
    return pax_fiddle.instantiate(pax_fiddle.Config(BagOfEmbeddings, vocab_size=20))
