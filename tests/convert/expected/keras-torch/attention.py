"""Scaled dot-product attention written with keras.ops."""
import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v):
    scores = torch.matmul(q, torch.transpose(k, -2, -1)) / math.sqrt(q.shape[-1])
    weights = F.softmax(scores, dim=-1)
    return torch.matmul(weights, v)


def causal_mask(size: int):
    return torch.tril(torch.ones(size, size)) > 0
