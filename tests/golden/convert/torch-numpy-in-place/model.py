"""In-place updates towards NumPy, whose arrays update in place but have no in-place methods:
each becomes a store into the array (or the view), so that every name holding it sees it."""
import torch


def clipped(x: torch.Tensor, pad: torch.Tensor):
    y = x * 2.0
    alias = y
    y.mul_(2.0).add_(1.0)
    y.clamp_(min=-3.0, max=3.0)
    y.masked_fill_(pad, 0.0)
    y[:, -1].zero_()
    y[:, 0].mul_(0.5)
    torch.relu_(y)
    y[y > 2.5] = 2.5
    w = x.abs().relu_()
    v = alias.tanh_()
    return y + alias + w + v
