"""Scaled dot-product attention written out with array operations."""
import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = torch.matmul(q, torch.transpose(k, -2, -1)) / math.sqrt(d)
    scores = torch.masked_fill(scores, mask, -torch.inf)
    weights = F.softmax(scores, dim=-1)
    return torch.matmul(weights, v)


def causal_mask(n):
    return torch.triu(torch.ones(n, n), diagonal=1) > 0
