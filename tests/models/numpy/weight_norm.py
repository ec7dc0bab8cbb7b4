"""Weight normalization: each output row of a weight is a direction times a learned length."""
import numpy as np


def weight_norm(v, g):
    # v: (out, in); g: (out,)
    return g[:, None] * v / np.linalg.norm(v, axis=1, keepdims=True)


def linear_weight_norm(x, v, g, bias):
    return np.matmul(x, weight_norm(v, g).T) + bias
