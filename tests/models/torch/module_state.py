"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import torch
import torch.nn as nn


class StatefulHead(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.proj = nn.Linear(d, d)
        self.register_buffer("scale", torch.linspace(0.5, 1.5, d))
        self.register_parameter("shift", nn.Parameter(torch.zeros((d,))))
        self.gain = nn.Parameter(torch.ones((d,)))
        self.extras = nn.ParameterList([nn.Parameter(torch.full((d,), 0.25)),
                                        nn.Parameter(torch.full((d,), -0.5))])
        self.heads = nn.ModuleDict({"left": nn.Linear(d, d), "right": nn.Linear(d, d)})
        self.register_buffer("running", torch.zeros((d,)))
        self.register_buffer("seen", torch.ones((d,)))
        self.calls = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        self.running = self.running * 0.9 + h.mean(0) * 0.1
        self.seen.mul_(0.5).add_(h.mean(0))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running + self.seen
