"""Functional ops with no single NumPy or JAX function: the converter writes expressions."""
import torch
import torch.nn.functional as F


def project(x, weight, bias):
    return F.normalize(F.linear(x, weight, bias), dim=-1)


def project_unbiased(x, weight):
    return F.linear(x, weight)


def blend(start, end):
    return torch.lerp(start, end, 0.25)


def distance(x, y):
    return F.pairwise_distance(x, y, p=1.0)
