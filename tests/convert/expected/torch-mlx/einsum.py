"""Tensor contractions written with einsum."""
import mlx.core as mx


def bilinear_scores(x, w, y):
    return mx.einsum("bi,ij,bj->b", x, w, y)


def batched_outer(a, b):
    return mx.einsum("bi,bj->bij", a, b)


def attention_logits(q, k):
    return mx.einsum("bhqd,bhkd->bhqk", q, k)
