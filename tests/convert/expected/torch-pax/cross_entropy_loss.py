"""Classification losses: mean, summed and per-example cross-entropy."""
import torch.nn.functional as F
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class Classifier(base_layer.BaseLayer):
    features: int = 0
    num_classes: int = 0
    def setup(self):
        self.create_child('head', pax_fiddle.Config(pl.FeedForward, input_dims=self.features, output_dims=self.num_classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.head(x)


def loss_fn(model: base_layer.BaseLayer, x: jax.Array, labels: jax.Array) -> jax.Array:
    logits = model(x)
    # switcheroo: no mapping for 'torch.nn.functional.cross_entropy' to 'paxml'
    return F.cross_entropy(logits, labels)


def summed_loss(logits: jax.Array, labels: jax.Array) -> jax.Array:
    # switcheroo: no mapping for 'torch.nn.functional.cross_entropy' to 'paxml'
    return F.cross_entropy(logits, labels, reduction="sum")


def per_example_loss(logits: jax.Array, labels: jax.Array) -> jax.Array:
    # switcheroo: no mapping for 'torch.nn.functional.cross_entropy' to 'paxml'
    return F.cross_entropy(logits, labels, reduction="none")


def log_likelihood(logits: jax.Array, labels: jax.Array) -> jax.Array:
    log_probs = jax.nn.log_softmax(logits, axis=-1)
    return jnp.take_along_axis(log_probs, labels[:, None], axis=-1).mean()
