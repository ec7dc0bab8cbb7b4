"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import torch.nn as nn
import numpy as np


class StatefulHead(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.proj = nn.Linear(d, d)
        self.register_buffer("scale", np.linspace(0.5, 1.5, d))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'numpy'
        self.register_parameter("shift", nn.Parameter(np.zeros((d,))))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'numpy'
        self.gain = nn.Parameter(np.ones((d,)))
        # switcheroo: no mapping for 'torch.nn.ParameterList' to 'numpy'
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'numpy'
        self.extras = nn.ParameterList([nn.Parameter(np.full((d,), 0.25)),
                                        nn.Parameter(np.full((d,), -0.5))])
        # switcheroo: no mapping for 'torch.nn.ModuleDict' to 'numpy'
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.heads = nn.ModuleDict({"left": nn.Linear(d, d), "right": nn.Linear(d, d)})
        self.register_buffer("running", np.zeros((d,)))
        self.register_buffer("seen", np.ones((d,)))
        self.calls = 0

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.calls += 1
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        self.running = self.running * 0.9 + h.mean(0) * 0.1
        self.seen[...] = np.add(np.multiply(self.seen, 0.5), h.mean(0))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running + self.seen
