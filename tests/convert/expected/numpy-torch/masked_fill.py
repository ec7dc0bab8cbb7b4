"""Masking scores before a softmax."""
import torch


def masked_scores(scores, mask):
    return torch.masked_fill(scores, mask, -1e9)


def softmax(x, axis=-1):
    shifted = x - torch.amax(x, dim=axis, keepdim=True)
    e = torch.exp(shifted)
    return e / torch.sum(e, dim=axis, keepdim=True)
