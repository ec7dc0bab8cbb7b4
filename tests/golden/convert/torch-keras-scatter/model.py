"""The scatter family towards an immutable target: each write makes a new tensor; repeated indices
add up where PyTorch accumulates."""
import torch


def write_points(x, rows, cols, values):
    return torch.index_put(x, (rows, cols), values)


def add_points(x, rows, cols, values):
    return torch.index_put(x, (rows, cols), values, accumulate=True)


def write_flat(x, index, source):
    return torch.put(x, index, source)


def add_flat(x, index, source):
    return x.put(index, source, accumulate=True)


def write_along(x, index, src):
    return torch.scatter(x, 1, index, src)


def add_along(x, index, src):
    return x.scatter_add(0, index, src)


def largest_along(x, index, src):
    return torch.scatter_reduce(x, 1, index, src, "amax")
