"""Scaled dot-product attention written out with tensor operations."""
import math

import keras


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = keras.ops.matmul(q, keras.ops.swapaxes(k, -2, -1)) / math.sqrt(d)
    scores = keras.ops.where(mask, float("-inf"), scores)
    weights = keras.ops.softmax(scores, axis=-1)
    return keras.ops.matmul(weights, v)


def causal_mask(n):
    return keras.ops.triu(keras.ops.ones((n, n)), k=1) > 0
