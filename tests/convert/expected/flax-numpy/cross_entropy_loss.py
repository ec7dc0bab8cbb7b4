"""Classification losses: mean, summed and per-example cross-entropy."""
import optax
from flax import nnx
import numpy as np


class Classifier(nnx.Module):
    def __init__(self, features: int, num_classes: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.head = nnx.Linear(features, num_classes, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.head(x)


def loss_fn(model: Classifier, x: np.ndarray, labels: np.ndarray) -> np.ndarray:
    logits = model(x)
    # switcheroo: no mapping for 'optax.softmax_cross_entropy_with_integer_labels' to 'numpy'
    return optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()


def summed_loss(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    # switcheroo: no mapping for 'optax.softmax_cross_entropy_with_integer_labels' to 'numpy'
    return optax.softmax_cross_entropy_with_integer_labels(logits, labels).sum()


def per_example_loss(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    # switcheroo: no mapping for 'optax.softmax_cross_entropy_with_integer_labels' to 'numpy'
    return optax.softmax_cross_entropy_with_integer_labels(logits, labels)


def log_likelihood(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    log_probs = logits - np.max(logits, axis=-1, keepdims=True) - np.log(np.sum(np.exp(logits - np.max(logits, axis=-1, keepdims=True)), axis=-1, keepdims=True))
    return np.take_along_axis(log_probs, labels[:, None], axis=-1).mean()
