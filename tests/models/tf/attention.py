"""Scaled dot-product attention written with tf.* array functions."""
import math

import tensorflow as tf


def scaled_dot_product_attention(q, k, v):
    scores = tf.matmul(q, tf.transpose(k, perm=(0, 2, 1))) / math.sqrt(q.shape[-1])
    weights = tf.nn.softmax(scores, axis=-1)
    return tf.matmul(weights, v)
