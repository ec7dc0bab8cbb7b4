"""Classification losses: mean, summed and per-example cross-entropy."""
import torch.nn as nn
import torch.nn.functional as F
import jax
import jax.numpy as jnp


class Classifier(nn.Module):
    def __init__(self, features: int, num_classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.head = nn.Linear(features, num_classes)

    def forward(self, x: jax.Array) -> jax.Array:
        return self.head(x)


def loss_fn(model: nn.Module, x: jax.Array, labels: jax.Array) -> jax.Array:
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
