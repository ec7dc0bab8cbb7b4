"""Elementwise functions of tensors: rectifiers and friends."""
import tensorflow as tf


def rectify(x):
    return tf.nn.relu(x) + tf.nn.relu(-x) * 0.5


def leaky(x):
    return tf.nn.leaky_relu(x, alpha=0.2)


def squash(x):
    return tf.clip_by_value(tf.math.tanh(x), clip_value_min=-0.5, clip_value_max=0.5)


def smooth(x):
    return tf.math.exp(-tf.math.abs(x)) + tf.math.sqrt(tf.math.square(x) + 1.0)
