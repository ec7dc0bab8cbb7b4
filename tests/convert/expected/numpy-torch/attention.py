"""Scaled dot-product attention with NumPy."""
import math

import torch


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = torch.matmul(q, torch.transpose(k, dim0=-2, dim1=-1)) / math.sqrt(d)
    scores = torch.masked_fill(scores, mask, -torch.inf)
    scores = scores - torch.amax(scores, dim=-1, keepdim=True)
    weights = torch.exp(scores)
    weights = weights / torch.sum(weights, dim=-1, keepdim=True)
    return torch.matmul(weights, v)


def causal_mask(n):
    return torch.triu(torch.ones(n, n), diagonal=1) > 0
