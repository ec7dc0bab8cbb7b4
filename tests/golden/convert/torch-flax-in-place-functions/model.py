"""In-place functions and updates whose value is used (issue 21): each becomes the
out-of-place form, rebound by an assignment expression where the value is used."""
import torch
import torch.nn.functional as F


def gate(x: torch.Tensor, bias: torch.Tensor):
    y = x + bias
    torch.relu_(y)
    F.relu_(y[0])
    s = torch.sigmoid_(x - 0.5)
    w = y.mul_(0.5).tanh_()
    return torch.relu_(s) + w + F.relu_(y - 0.25)


def reported(x: torch.Tensor, m):
    y = x * 2.0
    z = y
    a = y.relu_()
    b = m.w.relu_()
    c = y.zero_()
    return a + b + c + z
