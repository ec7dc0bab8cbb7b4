"""Functional ops with no single NumPy or JAX function: the converter writes expressions."""
import torch
import torch.nn.functional as F
import keras


def project(x, weight, bias):
    return (lambda x: x / keras.ops.maximum(keras.ops.norm(x, ord=2.0, axis=-1, keepdims=True), 1e-12))(keras.ops.matmul(x, keras.ops.transpose(weight)) + bias)


def project_unbiased(x, weight):
    return keras.ops.matmul(x, keras.ops.transpose(weight))


def blend(start, end):
    # switcheroo: no mapping for 'torch.lerp' to 'keras'
    return torch.lerp(start, end, 0.25)


def distance(x, y):
    # switcheroo: no mapping for 'torch.nn.functional.pairwise_distance' to 'keras'
    return F.pairwise_distance(x, y, p=1.0)
