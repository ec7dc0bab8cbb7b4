"""Elementwise functions of tensors: rectifiers and friends."""
import torch.nn.functional as F
import numpy as np


def rectify(x):
    return np.maximum(x, 0.0) + np.maximum(-x, 0.0) * 0.5


def leaky(x):
    # switcheroo: no mapping for 'torch.nn.functional.leaky_relu' to 'numpy'
    return F.leaky_relu(x, negative_slope=0.2)


def squash(x):
    return np.clip(np.tanh(x), a_min=-0.5, a_max=0.5)


def smooth(x):
    return np.exp(-np.absolute(x)) + np.sqrt(np.square(x) + 1.0)
