"""Masking scores before a softmax."""
import numpy as np


def masked_scores(scores, mask):
    return np.where(mask, -1e9, scores)


def softmax(x, axis=-1):
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
