"""Lists of children in Praxis: a residual stack made by create_children from a comprehension of
templates, and a list of two templates whose layers are called by index."""
from praxis import base_layer
import torch.nn.functional as F
from torch import nn

JTensor = base_layer.JTensor


class ResidualStack(nn.Module):

    def __init__(self, features: int = 6, depth: int = 3, classes: int = 4) -> None:
        super().__init__()
        self.blocks = nn.ModuleList([
            nn.Linear(in_features=features, out_features=features)
            for _ in range(depth)])
        self.norms = nn.ModuleList([nn.LayerNorm(normalized_shape=features, eps=1e-06),
                                       nn.LayerNorm(normalized_shape=features, eps=1e-06)])
        self.head = nn.Linear(in_features=features, out_features=classes)

    def forward(self, x: JTensor) -> JTensor:
        for block in self.blocks:
            x = x + F.gelu(block(x), approximate='none')
        x = self.norms[0](x)
        return self.head(self.norms[1](x))
