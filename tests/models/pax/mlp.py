"""A feed-forward classifier as a Praxis layer: hyper-parameters are fields, children templates."""
import jax
import jax.numpy as jnp
from praxis import base_layer, layers as pl, pax_fiddle

JTensor = base_layer.JTensor


class MLP(base_layer.BaseLayer):
    input_dims: int = 6
    hidden_dims: int = 8
    num_classes: int = 3

    def setup(self) -> None:
        self.create_child("hidden", pax_fiddle.Config(
            pl.FeedForward, input_dims=self.input_dims, output_dims=self.hidden_dims,
            activation_tpl=pax_fiddle.Config(pl.ReLU)))
        self.create_child("head", pax_fiddle.Config(
            pl.Linear, input_dims=self.hidden_dims, output_dims=self.num_classes))

    def __call__(self, x: JTensor) -> JTensor:
        return self.head(self.hidden(x))


class DropoutMLP(base_layer.BaseLayer):
    """A child named as a hyper-parameter would be (`dropout`): the field is dropout_hparam."""
    input_dims: int = 6
    num_classes: int = 3
    dropout_hparam: float = 0.1

    def setup(self) -> None:
        self.create_child("hidden", pax_fiddle.Config(
            pl.FeedForward, input_dims=self.input_dims, output_dims=self.input_dims,
            activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child("dropout", pax_fiddle.Config(
            pl.Dropout, keep_prob=1.0 - self.dropout_hparam))
        self.create_child("head", pax_fiddle.Config(
            pl.Linear, input_dims=self.input_dims, output_dims=self.num_classes))

    def __call__(self, x: JTensor) -> JTensor:
        return self.head(self.dropout(jax.nn.relu(self.hidden(x))))


def log_probabilities(logits: JTensor) -> JTensor:
    return jax.nn.log_softmax(logits, axis=-1)


def accuracy(logits: JTensor, labels: JTensor) -> JTensor:
    return jnp.mean((jnp.argmax(logits, axis=-1) == labels).astype(jnp.float32))
