"""Classification losses: mean, summed and per-example cross-entropy."""
import jax
import jax.numpy as jnp
import optax
from flax import nnx


class Classifier(nnx.Module):
    def __init__(self, features: int, num_classes: int, *, rngs: nnx.Rngs):
        self.head = nnx.Linear(features, num_classes, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.head(x)


def loss_fn(model: nnx.Module, x: jax.Array, labels: jax.Array) -> jax.Array:
    logits = model(x)
    return optax.softmax_cross_entropy(logits, (labels if labels.ndim == logits.ndim else jax.nn.one_hot(labels, logits.shape[-1]).astype(logits.dtype))).mean()


def summed_loss(logits: jax.Array, labels: jax.Array) -> jax.Array:
    return optax.softmax_cross_entropy(logits, (labels if labels.ndim == logits.ndim else jax.nn.one_hot(labels, logits.shape[-1]).astype(logits.dtype))).sum()


def per_example_loss(logits: jax.Array, labels: jax.Array) -> jax.Array:
    return optax.softmax_cross_entropy(logits, (labels if labels.ndim == logits.ndim else jax.nn.one_hot(labels, logits.shape[-1]).astype(logits.dtype)))


def log_likelihood(logits: jax.Array, labels: jax.Array) -> jax.Array:
    log_probs = jax.nn.log_softmax(logits, axis=-1)
    return jnp.take_along_axis(log_probs, labels[:, None], axis=-1).mean()
