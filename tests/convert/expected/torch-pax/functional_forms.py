"""Functional ops with no single NumPy or JAX function: the converter writes expressions."""
import torch
import torch.nn.functional as F


def project(x, weight, bias):
    # switcheroo: no mapping for 'torch.nn.functional.normalize' to 'paxml'
    return F.normalize(x @ weight.T + bias, dim=-1)


def project_unbiased(x, weight):
    return x @ weight.T


def blend(start, end):
    # switcheroo: no mapping for 'torch.lerp' to 'paxml'
    return torch.lerp(start, end, 0.25)


def distance(x, y):
    # switcheroo: no mapping for 'torch.nn.functional.pairwise_distance' to 'paxml'
    return F.pairwise_distance(x, y, p=1.0)
