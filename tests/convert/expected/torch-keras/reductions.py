"""Reductions with several results: values and indices."""
import torch
import keras


def best_class(logits):
    # switcheroo: no mapping for 'torch.max' to 'keras'
    scores, labels = torch.max(logits, dim=-1)
    return scores, labels


def column_peaks(x):
    # switcheroo: no mapping for 'torch.Tensor.max' to 'keras'
    # switcheroo: no mapping for 'torch.min' to 'keras'
    return x.max(0).values, torch.min(x, 0).indices


def ranked(x):
    values, order = keras.ops.sort(x, axis=-1)
    return values, order, keras.ops.sort(x)


def overall(x):
    return keras.ops.amax(x), keras.ops.argmax(x, axis=1, keepdims=True)
