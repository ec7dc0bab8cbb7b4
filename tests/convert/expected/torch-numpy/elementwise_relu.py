"""Elementwise functions of tensors: rectifiers and friends."""
import numpy as np


def rectify(x):
    return np.maximum(x, 0.0) + np.maximum(-x, 0.0) * 0.5


def leaky(x):
    return np.where(x >= 0, x, 0.2 * x)


def squash(x):
    return np.clip(np.tanh(x), a_min=-0.5, a_max=0.5)


def smooth(x):
    return np.exp(-np.absolute(x)) + np.sqrt(np.square(x) + 1.0)
