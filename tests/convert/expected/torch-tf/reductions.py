"""Reductions with several results: values and indices."""
import torch
import tensorflow as tf


def best_class(logits):
    scores, labels = (tf.math.reduce_max(logits, -1), tf.math.argmax(logits, -1))
    return scores, labels


def column_peaks(x):
    return (tf.math.reduce_max(x, 0), tf.math.argmax(x, 0))[0], (tf.math.reduce_min(x, 0), tf.math.argmin(x, 0))[1]


def ranked(x):
    # switcheroo: no mapping for 'torch.sort' to 'tensorflow'
    values, order = torch.sort(x, dim=-1)
    # switcheroo: no mapping for 'torch.sort' to 'tensorflow'
    return values, order, torch.sort(x)[0]


def overall(x):
    return tf.math.reduce_max(x), tf.expand_dims(tf.math.argmax(x, 1), 1)
