"""Module state towards Praxis: buffers, parameters and an attribute the forward pass updates
are variables declared in setup() (create_variable with a WeightHParams that WeightInit.Constant
fills), read through self.theta when trained and get_var otherwise, and written by update_var;
a buffer that no single value fills is reported."""
import torch
import torch.nn as nn


class RunningScale(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.proj = nn.Linear(d, d)
        self.register_buffer("mean", torch.zeros(d))
        self.register_parameter("shift", nn.Parameter(torch.full((d,), 0.5)))
        self.gain = nn.Parameter(torch.ones((d,)))
        self.register_buffer("seen", torch.ones(d))
        self.register_buffer("ramp", torch.arange(d))
        self.calls = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        h = self.proj(x) * self.gain + self.shift
        self.mean = self.mean * 0.9 + h.mean(0) * 0.1
        self.seen.mul_(0.5).add_(h.mean(0))
        return (h - self.mean) * self.seen * self.calls + self.ramp
