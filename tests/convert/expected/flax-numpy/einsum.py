"""Tensor contractions written with einsum."""
import numpy as np


def bilinear_scores(x, w, y):
    return np.einsum("bi,ij,bj->b", x, w, y)


def batched_outer(a, b):
    return np.einsum("bi,bj->bij", a, b)
