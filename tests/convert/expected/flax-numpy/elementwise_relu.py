"""Elementwise functions of arrays: rectifiers and friends."""
import jax
import numpy as np


def rectify(x):
    return np.maximum(x, 0.0) + np.maximum(-x, 0.0) * 0.5


def leaky(x):
    # switcheroo: no mapping for 'jax.nn.leaky_relu' to 'numpy'
    return jax.nn.leaky_relu(x, negative_slope=0.2)


def squash(x):
    return np.clip(np.tanh(x), -0.5, 0.5)


def smooth(x):
    return np.exp(-np.absolute(x)) + np.sqrt(np.square(x) + 1.0)
