"""Scaled dot-product attention written out with tensor operations."""
import math

import mlx.core as mx


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = mx.matmul(q, k.swapaxes(-2, -1)) / math.sqrt(d)
    scores = mx.where(mask, float("-inf"), scores)
    weights = mx.softmax(scores, axis=-1)
    return mx.matmul(weights, v)


def causal_mask(n):
    return mx.triu(mx.ones((n, n)), k=1) > 0
