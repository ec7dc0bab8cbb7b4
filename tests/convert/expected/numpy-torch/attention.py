"""Scaled dot-product attention with NumPy."""
import math

import numpy as np
import torch


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = torch.matmul(q, torch.transpose(k, dim0=-2, dim1=-1)) / math.sqrt(d)
    scores = torch.masked_fill(scores, mask, -torch.inf)
    # switcheroo: no mapping for 'numpy.max' to 'torch'
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    weights = torch.exp(scores)
    weights = weights / torch.sum(weights, dim=-1, keepdim=True)
    return torch.matmul(weights, v)


def causal_mask(n):
    return torch.triu(torch.ones(n, n), diagonal=1) > 0
