"""A two-layer perceptron forward pass with explicit weights."""
import numpy as np


def relu(x):
    return np.maximum(x, 0.0)


def mlp(x, w1, b1, w2, b2):
    hidden = relu(np.matmul(x, w1) + b1)
    return np.matmul(hidden, w2) + b2
