"""Splitting tensors into parts."""
import tensorflow as tf


def halves(x):
    first, second = tf.split(x, 2, axis=-1)
    return first * second


def thirds(x):
    return tf.split(x, 3, axis=0)


def qkv(x):
    q, k, v = tf.split(x, 3, axis=-1)
    return q + k + v


def uneven(x):
    head, body, tail = tf.split(x, [1, 2, 3], axis=1)
    return tf.reduce_sum(head, axis=1) + tf.reduce_sum(body, axis=1) + tf.reduce_sum(tail, axis=1)


def pieces(x):
    return tf.split(x, [min(2, x.shape[0] - offset) for offset in range(0, x.shape[0], 2)])


def by_sizes(x, sizes):
    first, rest = tf.split(x, list(sizes), axis=-1)
    return tf.reduce_mean(first, axis=-1) - tf.reduce_mean(rest, axis=-1)
