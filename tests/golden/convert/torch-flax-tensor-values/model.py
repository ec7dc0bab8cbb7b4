import torch
import torch.nn as nn


class Mixer(nn.Module):
    """Methods of tensors the knowledge base does not map are reported; methods of other
    objects that share a tensor method's name are left alone."""

    def __init__(self, d):
        super().__init__()
        self.proj = nn.Linear(d, d)
        self.labels = "left,right"
        self.steps = [1, 2]

    def forward(self, h, mask=None, repeats: int = 2):
        b, t, d = h.shape
        z = h.new_zeros(b, t, d)
        o = self.proj(h)
        first, second = o.unbind(1)
        names = self.labels.split(",")
        total = sum(self.steps)
        g = o.grad
        scale = o.amax(-1).view(b, -1)
        return o.expand_as(h) + z + first.sum() * repeats + scale.sum() + total


class Log:
    def view(self, style):
        return style


def summarize():
    log = Log()
    # `log` is a user object: its view() is its own
    return log.view("table")
