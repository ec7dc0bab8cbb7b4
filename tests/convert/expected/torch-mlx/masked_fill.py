"""Masking scores before a softmax."""
import mlx.core as mx


def masked_softmax(scores, mask):
    scores = mx.where(mask, -1e9, scores)
    return mx.softmax(scores, axis=-1)


def zero_padding(x, pad_mask):
    return mx.where(pad_mask, 0.0, x)
