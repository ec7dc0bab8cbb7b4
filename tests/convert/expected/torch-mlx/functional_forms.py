"""Functional ops with no single NumPy or JAX function: the converter writes expressions."""
import mlx.core as mx


def project(x, weight, bias):
    return (x @ weight.T + bias) / mx.maximum(mx.linalg.norm(x @ weight.T + bias, ord=2.0, axis=-1, keepdims=True), 1e-12)


def project_unbiased(x, weight):
    return x @ weight.T


def blend(start, end):
    return start + 0.25 * (end - start)


def distance(x, y):
    return mx.linalg.norm(x - y + 1e-06, ord=1.0, axis=-1)
