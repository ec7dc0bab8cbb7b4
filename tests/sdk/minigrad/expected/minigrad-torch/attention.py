"""Scaled dot-product attention written out with tensor operations."""
import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(d)
    scores = torch.masked_fill(scores, mask, float("-inf"))
    weights = F.softmax(scores, dim=-1)
    return torch.matmul(weights, v)


def causal_mask(n):
    return torch.triu(torch.ones(n, n), diagonal=1) > 0
