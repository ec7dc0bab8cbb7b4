"""optax over NumPy (test-only; see tests/standin/jax): the per-example losses conversions emit
(the loss_reduction hook applies PyTorch's reduction around them)."""
import numpy as np

import _standin
from jax import nn
from jax._array import asarray
from optax import losses


def _log_softmax(logits, axis):
    return np.asarray(nn.log_softmax(np.asarray(logits), axis=axis))


@_standin.exported("optax.softmax_cross_entropy_with_integer_labels")
def softmax_cross_entropy_with_integer_labels(logits, labels, axis=-1):
    log_probabilities = np.moveaxis(_log_softmax(logits, axis), axis, -1)
    picked = np.take_along_axis(log_probabilities, np.asarray(labels)[..., None], axis=-1)
    return asarray(-picked[..., 0])


@_standin.exported("optax.softmax_cross_entropy")
def softmax_cross_entropy(logits, labels, axis=-1):
    return asarray(-(np.asarray(labels) * _log_softmax(logits, axis)).sum(axis=axis))


@_standin.exported("optax.sigmoid_binary_cross_entropy")
def sigmoid_binary_cross_entropy(logits, labels):
    logits, labels = np.asarray(logits), np.asarray(labels)
    return asarray(-labels * np.asarray(nn.log_sigmoid(logits)) - (1 - labels) * np.asarray(nn.log_sigmoid(-logits)))


@_standin.exported("optax.huber_loss")
def huber_loss(predictions, targets=None, *, delta=1.0):
    error = np.asarray(predictions) - (0 if targets is None else np.asarray(targets))
    absolute = np.abs(error)
    quadratic = np.minimum(absolute, delta)
    return asarray(0.5 * quadratic ** 2 + delta * (absolute - quadratic))


@_standin.exported("optax.kl_divergence")
def kl_divergence(log_predictions, targets, axis=-1):
    targets = np.asarray(targets)
    safe = np.where(targets > 0, targets, 1)
    return asarray((np.where(targets > 0, targets * np.log(safe), 0) - targets * np.asarray(log_predictions)).sum(axis=axis))


__all__ = ["losses", "huber_loss", "kl_divergence", "sigmoid_binary_cross_entropy",
           "softmax_cross_entropy", "softmax_cross_entropy_with_integer_labels"]
