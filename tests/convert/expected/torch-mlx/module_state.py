"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import torch
import mlx.core as mx
from mlx import nn


class StatefulHead(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.proj = nn.Linear(d, d)
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'mlx'
        self.register_buffer("scale", mx.linspace(0.5, 1.5, d))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'mlx'
        self.shift = torch.nn.Parameter(mx.zeros((d,)))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'mlx'
        self.gain = torch.nn.Parameter(mx.ones((d,)))
        # switcheroo: no mapping for 'torch.nn.ParameterList' to 'mlx'
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'mlx'
        self.extras = torch.nn.ParameterList([torch.nn.Parameter(mx.full((d,), 0.25)),
                                        torch.nn.Parameter(mx.full((d,), -0.5))])
        # switcheroo: no mapping for 'torch.nn.ModuleDict' to 'mlx'
        self.heads = torch.nn.ModuleDict({"left": nn.Linear(d, d), "right": nn.Linear(d, d)})
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'mlx'
        self.register_buffer("running", mx.zeros((d,)))
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'mlx'
        self.register_buffer("seen", mx.ones((d,)))
        self.calls = 0

    def __call__(self, x: mx.array) -> mx.array:
        self.calls += 1
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        self.running = self.running * 0.9 + h.mean(0) * 0.1
        self.seen[...] = mx.add(mx.multiply(self.seen, 0.5), h.mean(0))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running + self.seen
