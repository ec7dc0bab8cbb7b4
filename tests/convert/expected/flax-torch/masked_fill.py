"""Masking scores before a softmax."""
import torch
import torch.nn.functional as F


def masked_softmax(scores, mask):
    scores = torch.masked_fill(scores, mask, -1e9)
    return F.softmax(scores, dim=-1)
