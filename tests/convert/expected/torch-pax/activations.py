"""Activations and their PyTorch spellings; NumPy has no single function for most of them and
writes each as an expression."""
import torch.nn.functional as F
import jax


def rectified(x):
    return jax.nn.relu(x), jax.nn.relu(x * 2)


def squashed(x):
    return jax.nn.sigmoid(x + 1)


def probabilities(x):
    return jax.nn.softmax(x, axis=-1), jax.nn.softmax(x, 1)


def log_probabilities(x):
    return jax.nn.log_softmax(x, axis=1), jax.nn.log_softmax(x, axis=-1), jax.nn.log_softmax(x, 1)


def encoded(labels):
    # switcheroo: no mapping for 'torch.nn.functional.one_hot' to 'paxml'
    return F.one_hot(labels, 6)
