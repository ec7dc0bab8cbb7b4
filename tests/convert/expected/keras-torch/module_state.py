"""Module state as Keras users write it: variables assigned to a layer's attributes (weights,
and state that is not trained with trainable=False, updated by assign), and sub-layers and
variables kept in plain lists and dicts, which a Layer tracks."""
import torch
from torch import nn


class GatedHeads(nn.Module):
    def __init__(self, dims: int, heads: int = 2):
        super().__init__()
        self.proj = nn.Linear(in_features=dims, out_features=dims)
        self.bias = nn.Parameter(torch.zeros(dims))
        self.register_buffer('scale', torch.linspace(0.5, 1.5, dims))
        self.register_buffer('mean', torch.zeros(dims))
        self.steps = 0
        self.gates = nn.ParameterList([nn.Parameter(torch.full((dims,), 0.5)),
                      nn.Parameter(torch.full((dims,), 2.0))])
        self.heads = nn.ModuleList([nn.Linear(in_features=dims, out_features=dims) for _ in range(heads)])
        self.mixers = nn.ModuleDict({"value": nn.Linear(in_features=dims, out_features=dims),
                       "gate": nn.Linear(in_features=dims, out_features=dims)})

    def forward(self, x, training=None):
        self.steps += 1
        h = self.proj(x) * self.scale + self.bias
        h = h * self.gates[0] + self.gates[1]
        for head in self.heads:
            h = h + head(h)
        self.mean = self.mean * 0.9 + torch.mean(h, 0) * 0.1
        return self.mixers["value"](h) * torch.sigmoid(self.mixers["gate"](h)) + self.mean
