"""Module state in Flax NNX: an nnx.BatchStat buffer, nnx.Param attributes, an nnx.List of
parameters, an nnx.Dict of layers, and nnx.Variable state the call updates."""
import torch
from torch import nn


class StatefulHead(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.proj = nn.Linear(d, d)
        self.register_buffer('scale', torch.linspace(0.5, 1.5, d))
        self.shift = nn.Parameter(torch.zeros(d))
        self.extras = nn.ParameterList([nn.Parameter(torch.full((d,), 0.25)), nn.Parameter(torch.full((d,), -0.5))])
        self.heads = nn.ModuleDict(modules={"left": nn.Linear(d, d), "right": nn.Linear(d, d)})
        self.register_buffer('running', torch.zeros(d))
        self.calls = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        h = self.proj(x) * self.scale + self.shift
        h = h + self.extras[0] - self.extras[1]
        self.running = self.running * 0.9 + h.mean(0) * 0.1
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running
