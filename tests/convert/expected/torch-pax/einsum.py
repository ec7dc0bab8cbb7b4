"""Tensor contractions written with einsum."""
import jax.numpy as jnp


def bilinear_scores(x, w, y):
    return jnp.einsum("bi,ij,bj->b", x, w, y)


def batched_outer(a, b):
    return jnp.einsum("bi,bj->bij", a, b)


def attention_logits(q, k):
    return jnp.einsum("bhqd,bhkd->bhqk", q, k)
