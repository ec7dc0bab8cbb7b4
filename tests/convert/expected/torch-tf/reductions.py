"""Reductions with several results: values and indices."""
import torch
import tensorflow as tf


def best_class(logits):
    # switcheroo: no mapping for 'torch.max' to 'tensorflow'
    scores, labels = torch.max(logits, dim=-1)
    return scores, labels


def column_peaks(x):
    # switcheroo: no mapping for 'torch.Tensor.max' to 'tensorflow'
    # switcheroo: no mapping for 'torch.min' to 'tensorflow'
    return x.max(0).values, torch.min(x, 0).indices


def ranked(x):
    # switcheroo: no mapping for 'torch.sort' to 'tensorflow'
    values, order = torch.sort(x, dim=-1)
    # switcheroo: no mapping for 'torch.sort' to 'tensorflow'
    return values, order, torch.sort(x)[0]


def overall(x):
    # switcheroo: no mapping for 'torch.argmax' to 'tensorflow'
    return tf.math.reduce_max(x), torch.argmax(x, dim=1, keepdim=True)
