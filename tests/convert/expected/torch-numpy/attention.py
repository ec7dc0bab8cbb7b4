"""Scaled dot-product attention written out with tensor operations."""
import math

import numpy as np


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = np.matmul(q, k.swapaxes(-2, -1)) / math.sqrt(d)
    scores = np.where(mask, float("-inf"), scores)
    weights = np.exp(scores - np.max(scores, axis=-1, keepdims=True)) / np.sum(np.exp(scores - np.max(scores, axis=-1, keepdims=True)), axis=-1, keepdims=True)
    return np.matmul(weights, v)


def causal_mask(n):
    return np.triu(np.ones((n, n)), k=1) > 0
