import torch
import torch.nn as nn


class Shared(nn.Module):
    """Updates another name may see: an alias, the caller's argument, a value that is used;
    each is reported on its line."""

    def __init__(self, d):
        super().__init__()
        self.proj = nn.Linear(d, d)

    def forward(self, x):
        h = self.proj(x)
        z = h
        h.add_(1.0)
        x.mul_(2.0)
        w = self.proj(h)
        v = w.relu_()
        return h + z + x + v


def rescale(t: torch.Tensor, s: float):
    t = t * 1.0
    t.mul_(s)
    return t
