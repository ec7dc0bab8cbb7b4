import torch
import torch.nn as nn

from .misc import MLP


class MLPBlock(MLP):
    # Derived from another file's module class (vision_transformer's MLPBlock): a module class
    # too, whose initialisers draw from the keys its constructor now takes.
    def __init__(self, c: int, hidden: int) -> None:
        super().__init__(c, [hidden, c])
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.normal_(m.bias, std=1e-6)


class Net(nn.Module):
    def __init__(self, c: int = 4) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(c)
        self.mlp = MLPBlock(c, 8)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.mlp(self.norm(x))
