from .misc import MLP
from torch import nn
import torch


class MLPBlock(MLP):
    # Derived from another file's module class: a module class too, whose keys go (to its
    # parent, and to the draws).
    def __init__(self, c: int, hidden: int) -> None:
        super().__init__(c, [hidden, c])
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.normal_(m.bias, std=1e-6)


class Net(nn.Module):
    def __init__(self, c: int = 4) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(c, eps=1e-05)
        self.mlp = MLPBlock(c, 8)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.mlp(self.norm(x))
