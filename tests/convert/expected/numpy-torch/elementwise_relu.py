"""Elementwise functions of arrays: rectifiers and friends."""
import numpy as np
import torch


def rectify(x):
    return torch.maximum(x, torch.tensor(0.0)) + torch.maximum(-x, torch.tensor(0.0)) * 0.5


def squash(x):
    return torch.clamp(torch.tanh(x), -0.5, 0.5)


def smooth(x):
    # switcheroo: no mapping for 'numpy.abs' to 'torch'
    return torch.exp(-np.abs(x)) + torch.sqrt(torch.square(x) + 1.0)
