"""Splitting tensors into parts."""
import torch


def halves(x):
    first, second = torch.chunk(x, 2, dim=-1)
    return first * second


def thirds(x):
    return torch.tensor_split(x, 3, dim=0)


def qkv(x):
    q, k, v = x.chunk(3, dim=-1)
    return q + k + v


def uneven(x):
    head, body, tail = x.split([1, 2, 3], dim=1)
    return head.sum(dim=1) + body.sum(dim=1) + tail.sum(dim=1)


def pieces(x):
    return torch.split(x, 2)


def by_sizes(x, sizes):
    first, rest = x.split(sizes, dim=-1)
    return first.mean(dim=-1) - rest.mean(dim=-1)
