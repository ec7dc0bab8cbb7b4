"""Masking scores before a softmax."""
import numpy as np


def masked_softmax(scores, mask):
    scores = np.where(mask, -1e9, scores)
    return np.exp(scores - np.max(scores, axis=-1, keepdims=True)) / np.sum(np.exp(scores - np.max(scores, axis=-1, keepdims=True)), axis=-1, keepdims=True)


def zero_padding(x, pad_mask):
    return np.where(pad_mask, 0.0, x)
