"""Activations and their PyTorch spellings; NumPy has no single function for most of them and
writes each as an expression."""
import torch.nn.functional as F
import tensorflow as tf


def rectified(x):
    return tf.nn.relu(x), tf.nn.relu(x * 2)


def squashed(x):
    return tf.math.sigmoid(x + 1)


def probabilities(x):
    return tf.nn.softmax(x, axis=-1), tf.nn.softmax(x, 1)


def log_probabilities(x):
    return tf.keras.activations.log_softmax(x, axis=1), tf.keras.activations.log_softmax(x, axis=-1), tf.keras.activations.log_softmax(x, 1)


def encoded(labels):
    # switcheroo: no mapping for 'torch.nn.functional.one_hot' to 'tensorflow'
    return F.one_hot(labels, 6)
