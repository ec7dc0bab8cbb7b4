"""Module state as MLX users write it: every array member is a parameter, a member the module
freezes is state that is not trained (as nn.BatchNorm keeps its running statistics), and
sub-layers and arrays are kept in plain lists and dicts."""
import mlx.core as mx
import mlx.nn as nn


class GatedHeads(nn.Module):
    def __init__(self, dims: int, heads: int = 2):
        super().__init__()
        self.proj = nn.Linear(dims, dims)
        self.bias = mx.zeros((dims,))
        self.scale = mx.linspace(0.5, 1.5, dims)
        self.freeze(keys=["scale"], recurse=False)
        self.gates = [mx.full((dims,), 0.5), mx.full((dims,), 2.0)]
        self.heads = [nn.Linear(dims, dims) for _ in range(heads)]
        self.mixers = {"value": nn.Linear(dims, dims), "gate": nn.Linear(dims, dims)}

    def __call__(self, x: mx.array) -> mx.array:
        h = self.proj(x) * self.scale + self.bias
        h = h * self.gates[0] + self.gates[1]
        for head in self.heads:
            h = h + head(h)
        return self.mixers["value"](h) * mx.sigmoid(self.mixers["gate"](h))
