"""Splitting arrays into parts."""
import numpy as np


def halves(x):
    first, second = np.split(x, 2, axis=-1)
    return first * second


def thirds(x):
    return np.array_split(x, 3, axis=0)
