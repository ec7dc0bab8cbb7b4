"""Scaled dot-product attention written out with tensor operations."""
import math

import tensorflow as tf


def scaled_dot_product_attention(q, k, v, mask):
    d = q.shape[-1]
    scores = tf.matmul(q, (lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(k, -2, -1)) / math.sqrt(d)
    scores = tf.where(mask, float("-inf"), scores)
    weights = tf.nn.softmax(scores, axis=-1)
    return tf.matmul(weights, v)


def causal_mask(n):
    return tf.ones((n, n)) - tf.linalg.band_part(tf.ones((n, n)), -1, 0) > 0
