"""Data-dependent choices: elementwise with np.where, whole values with if."""
import numpy as np


def soft_clip(x, limit):
    return np.where(np.absolute(x) > limit, np.sign(x) * limit, x)


def leaky(x):
    return np.where(x > 0, x, 0.01 * x)


def normalize_if_large(x):
    norm = np.sqrt(np.sum(x * x))
    if norm > 1.0:
        return x / norm
    return x
