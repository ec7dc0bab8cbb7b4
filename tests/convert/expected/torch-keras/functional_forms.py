"""Functional ops with no single NumPy or JAX function: the converter writes expressions."""
import torch
import torch.nn.functional as F


def project(x, weight, bias):
    # switcheroo: no mapping for 'torch.nn.functional.normalize' to 'keras'
    # switcheroo: no mapping for 'torch.nn.functional.linear' to 'keras'
    return F.normalize(F.linear(x, weight, bias), dim=-1)


def project_unbiased(x, weight):
    # switcheroo: no mapping for 'torch.nn.functional.linear' to 'keras'
    return F.linear(x, weight)


def blend(start, end):
    # switcheroo: no mapping for 'torch.lerp' to 'keras'
    return torch.lerp(start, end, 0.25)


def distance(x, y):
    # switcheroo: no mapping for 'torch.nn.functional.pairwise_distance' to 'keras'
    return F.pairwise_distance(x, y, p=1.0)
