"""Scaled dot-product attention written out with tensor operations."""
import math

import minigrad as mg


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = mg.matmul(q, k.swapaxes(-2, -1)) / math.sqrt(d)
    scores = mg.masked_fill(scores, mask, float("-inf"))
    weights = mg.softmax(scores, axis=-1)
    return mg.matmul(weights, v)


def causal_mask(n):
    return mg.triu(mg.ones((n, n)), k=1) > 0
