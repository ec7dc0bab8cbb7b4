"""Tensor contractions written with einsum."""
import torch


def bilinear_scores(x, w, y):
    return torch.einsum("bi,ij,bj->b", x, w, y)


def batched_outer(a, b):
    return torch.einsum("bi,bj->bij", a, b)
