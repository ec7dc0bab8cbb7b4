"""Masking scores before a softmax."""
import torch
import torch.nn.functional as F


def masked_softmax(scores, mask):
    scores = scores.masked_fill(mask, -1e9)
    return F.softmax(scores, dim=-1)


def zero_padding(x, pad_mask):
    return torch.masked_fill(x, pad_mask, 0.0)
