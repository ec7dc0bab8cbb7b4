"""Registrations that have no Flax NNX form: a non-persistent buffer, a name computed at run
time, and state first set outside the constructor."""
import torch
import torch.nn as nn


class Cache(nn.Module):
    def __init__(self, d: int, names: list):
        super().__init__()
        self.register_buffer("mask", torch.ones(d), persistent=False)
        for name in names:
            self.register_buffer(name, torch.zeros(d))
        self.register_buffer("ok", torch.ones(d), persistent=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.last = x
        return x * self.mask * self.ok
