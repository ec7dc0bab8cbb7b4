"""Scaled dot-product attention written with keras.ops."""
import math

import keras


def scaled_dot_product_attention(q, k, v):
    scores = keras.ops.matmul(q, keras.ops.swapaxes(k, -2, -1)) / math.sqrt(q.shape[-1])
    weights = keras.ops.softmax(scores, axis=-1)
    return keras.ops.matmul(weights, v)


def causal_mask(size: int):
    return keras.ops.tril(keras.ops.ones((size, size))) > 0
