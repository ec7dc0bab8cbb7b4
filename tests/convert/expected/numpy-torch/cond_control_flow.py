"""Data-dependent choices: elementwise with np.where, whole values with if."""
import torch


def soft_clip(x, limit):
    return torch.where(torch.abs(x) > limit, torch.sign(x) * limit, x)


def leaky(x):
    return torch.where(x > 0, x, 0.01 * x)


def normalize_if_large(x):
    norm = torch.sqrt(torch.sum(x * x))
    if norm > 1.0:
        return x / norm
    return x
