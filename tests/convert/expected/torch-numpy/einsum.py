"""Tensor contractions written with einsum."""
import numpy as np


def bilinear_scores(x, w, y):
    return np.einsum("bi,ij,bj->b", x, w, y)


def batched_outer(a, b):
    return np.einsum("bi,bj->bij", a, b)


def attention_logits(q, k):
    return np.einsum("bhqd,bhkd->bhqk", q, k)
