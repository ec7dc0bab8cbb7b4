"""Indexed updates towards an immutable target that updates at one index of the first axis:
rows and masks convert; slices, several indices and indices counted from the end are reported."""
import torch


def clean(x: torch.Tensor, rows: int):
    y = torch.tanh(x)
    y[y < 0] = 0.0
    y[rows] = 1.0
    y[-1] = 2.0
    y[0] += x[1]
    y[2].mul_(3.0)
    y[:, 0].mul_(2.0)
    return y
