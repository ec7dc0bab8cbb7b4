"""Tensor contractions written with einsum."""
import torch


def bilinear_scores(x, w, y):
    # switcheroo: no mapping for 'torch.einsum' to 'tensorflow'
    return torch.einsum("bi,ij,bj->b", x, w, y)


def batched_outer(a, b):
    # switcheroo: no mapping for 'torch.einsum' to 'tensorflow'
    return torch.einsum("bi,bj->bij", a, b)


def attention_logits(q, k):
    # switcheroo: no mapping for 'torch.einsum' to 'tensorflow'
    return torch.einsum("bhqd,bhkd->bhqk", q, k)
