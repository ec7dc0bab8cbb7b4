"""Flattening feature maps before a classifier."""
import tensorflow as tf


def flatten_features(x):
    return tf.reshape(x, (tf.shape(x)[0], -1))


def flatten_all(x):
    return tf.reshape(x, [-1])


def merge_middle(x):
    return tf.reshape(x, [tf.shape(x)[i] for i in range(len(x.shape))[:1]] + [-1] + [tf.shape(x)[i] for i in range(len(x.shape))[2:][1:]])


def view_batch(x):
    return tf.reshape(x, (x.shape[0], -1))
