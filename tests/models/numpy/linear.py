"""An affine map and logistic regression on NumPy arrays."""
import numpy as np


def affine(x, weight, bias):
    return np.matmul(x, weight.T) + bias


def logistic(x, weight, bias):
    return 1.0 / (1.0 + np.exp(-affine(x, weight, bias)))
