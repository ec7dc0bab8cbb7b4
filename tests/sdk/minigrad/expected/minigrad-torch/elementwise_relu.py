"""Elementwise functions of tensors: rectifiers and friends."""
import torch
import torch.nn.functional as F


def rectify(x):
    return torch.relu(x) + torch.relu(-x) * 0.5


def leaky(x):
    return F.leaky_relu(x, negative_slope=0.2)


def squash(x):
    return torch.clamp(torch.tanh(x), min=-0.5, max=0.5)


def smooth(x):
    return torch.exp(-torch.abs(x)) + torch.sqrt(torch.square(x) + 1.0)
