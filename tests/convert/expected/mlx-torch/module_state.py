"""Module state as MLX users write it: every array member is a parameter, a member the module
freezes is state that is not trained (as nn.BatchNorm keeps its running statistics), and
sub-layers and arrays are kept in plain lists and dicts."""
import torch
from torch import nn


class GatedHeads(nn.Module):
    def __init__(self, dims: int, heads: int = 2):
        super().__init__()
        self.proj = nn.Linear(dims, dims)
        self.bias = nn.Parameter(torch.zeros(dims))
        self.register_buffer('scale', torch.linspace(0.5, 1.5, dims))
        self.gates = nn.ParameterList([nn.Parameter(torch.full((dims,), 0.5)), nn.Parameter(torch.full((dims,), 2.0))])
        self.heads = nn.ModuleList([nn.Linear(dims, dims) for _ in range(heads)])
        self.mixers = nn.ModuleDict({"value": nn.Linear(dims, dims), "gate": nn.Linear(dims, dims)})

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.proj(x) * self.scale + self.bias
        h = h * self.gates[0] + self.gates[1]
        for head in self.heads:
            h = h + head(h)
        return self.mixers["value"](h) * torch.sigmoid(self.mixers["gate"](h))
