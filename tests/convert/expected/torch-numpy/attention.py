"""Scaled dot-product attention written out with tensor operations."""
import math

import torch.nn.functional as F
import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = np.matmul(q, k.swapaxes(-2, -1)) / math.sqrt(d)
    scores = np.where(mask, float("-inf"), scores)
    # switcheroo: no mapping for 'torch.nn.functional.softmax' to 'numpy'
    weights = F.softmax(scores, dim=-1)
    return np.matmul(weights, v)


def causal_mask(n):
    return np.triu(np.ones((n, n)), k=1) > 0
