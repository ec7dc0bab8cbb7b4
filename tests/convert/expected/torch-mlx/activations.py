"""Activations and their PyTorch spellings; NumPy has no single function for most of them and
writes each as an expression."""
import torch.nn.functional as F
import mlx.core as mx
from mlx import nn


def rectified(x):
    return nn.relu(x), nn.relu(x * 2)


def squashed(x):
    return mx.sigmoid(x + 1)


def probabilities(x):
    return mx.softmax(x, axis=-1), mx.softmax(x, 1)


def log_probabilities(x):
    return nn.log_softmax(x, axis=1), nn.log_softmax(x, axis=-1), nn.log_softmax(x, 1)


def encoded(labels):
    # switcheroo: no mapping for 'torch.nn.functional.one_hot' to 'mlx'
    return F.one_hot(labels, 6)
