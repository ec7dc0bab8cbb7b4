"""Activations and their PyTorch spellings; NumPy has no single function for most of them and
writes each as an expression."""
import numpy as np


def rectified(x):
    return np.maximum(x, 0.0), np.maximum(x * 2, 0.0)


def squashed(x):
    return 1 / (1 + np.exp(-(x + 1)))


def probabilities(x):
    return np.exp(x - np.max(x, axis=-1, keepdims=True)) / np.sum(np.exp(x - np.max(x, axis=-1, keepdims=True)), axis=-1, keepdims=True), np.exp(x - np.max(x, axis=1, keepdims=True)) / np.sum(np.exp(x - np.max(x, axis=1, keepdims=True)), axis=1, keepdims=True)


def log_probabilities(x):
    return x - np.max(x, axis=1, keepdims=True) - np.log(np.sum(np.exp(x - np.max(x, axis=1, keepdims=True)), axis=1, keepdims=True)), x - np.max(x, axis=-1, keepdims=True) - np.log(np.sum(np.exp(x - np.max(x, axis=-1, keepdims=True)), axis=-1, keepdims=True)), x - np.max(x, axis=1, keepdims=True) - np.log(np.sum(np.exp(x - np.max(x, axis=1, keepdims=True)), axis=1, keepdims=True))


def encoded(labels):
    return np.eye(6, dtype=np.int64)[labels]
