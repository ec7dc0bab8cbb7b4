"""Elementwise functions of tensors: rectifiers and friends."""
import keras


def rectify(x):
    return keras.ops.relu(x) + keras.ops.relu(-x) * 0.5


def leaky(x):
    return keras.ops.leaky_relu(x, negative_slope=0.2)


def squash(x):
    return keras.ops.clip(keras.ops.tanh(x), x_min=-0.5, x_max=0.5)


def smooth(x):
    return keras.ops.exp(-keras.ops.absolute(x)) + keras.ops.sqrt(keras.ops.square(x) + 1.0)
