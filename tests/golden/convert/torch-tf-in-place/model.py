"""Indexed updates towards an immutable target that updates at one index of the first axis, or
of a later one after full slices: rows, `[:, i]` and masks convert; a row counted from the end
is reported."""
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
