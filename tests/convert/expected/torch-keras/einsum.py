"""Tensor contractions written with einsum."""
import keras


def bilinear_scores(x, w, y):
    return keras.ops.einsum("bi,ij,bj->b", x, w, y)


def batched_outer(a, b):
    return keras.ops.einsum("bi,bj->bij", a, b)


def attention_logits(q, k):
    return keras.ops.einsum("bhqd,bhkd->bhqk", q, k)
