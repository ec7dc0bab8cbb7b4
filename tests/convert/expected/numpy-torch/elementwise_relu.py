"""Elementwise functions of arrays: rectifiers and friends."""
import torch


def rectify(x):
    return torch.maximum(x, torch.tensor(0.0)) + torch.maximum(-x, torch.tensor(0.0)) * 0.5


def squash(x):
    return torch.clamp(torch.tanh(x), -0.5, 0.5)


def smooth(x):
    return torch.exp(-torch.abs(x)) + torch.sqrt(torch.square(x) + 1.0)
