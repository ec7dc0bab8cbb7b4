"""Reductions with several results: values and indices."""
import mlx.core as mx


def best_class(logits):
    scores, labels = (mx.max(logits, axis=-1), mx.argmax(logits, axis=-1))
    return scores, labels


def column_peaks(x):
    return mx.max(x, 0), mx.argmin(x, 0)


def ranked(x):
    values, order = (mx.sort(x, axis=-1), mx.argsort(x, axis=-1))
    return values, order, mx.sort(x)


def overall(x):
    return mx.max(x), mx.argmax(x, axis=1, keepdims=True)
