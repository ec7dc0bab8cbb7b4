"""Scaled dot-product attention with NumPy."""
import math

import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = np.matmul(q, np.swapaxes(k, -2, -1)) / math.sqrt(d)
    scores = np.where(mask, -np.inf, scores)
    scores = scores - np.max(scores, axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / np.sum(weights, axis=-1, keepdims=True)
    return np.matmul(weights, v)


def causal_mask(n):
    return np.triu(np.ones((n, n)), k=1) > 0
