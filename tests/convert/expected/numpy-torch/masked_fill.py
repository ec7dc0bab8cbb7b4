"""Masking scores before a softmax."""
import numpy as np
import torch


def masked_scores(scores, mask):
    return torch.masked_fill(scores, mask, -1e9)


def softmax(x, axis=-1):
    # switcheroo: no mapping for 'numpy.max' to 'torch'
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = torch.exp(shifted)
    return e / torch.sum(e, dim=axis, keepdim=True)
