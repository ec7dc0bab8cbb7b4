"""Masking scores before a softmax."""
import tensorflow as tf


def masked_softmax(scores, mask):
    scores = tf.where(mask, -1e9, scores)
    return tf.nn.softmax(scores, axis=-1)


def zero_padding(x, pad_mask):
    return tf.where(pad_mask, 0.0, x)
