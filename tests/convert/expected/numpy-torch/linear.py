"""An affine map and logistic regression on NumPy arrays."""
import torch


def affine(x, weight, bias):
    return torch.matmul(x, weight.T) + bias


def logistic(x, weight, bias):
    return 1.0 / (1.0 + torch.exp(-affine(x, weight, bias)))
