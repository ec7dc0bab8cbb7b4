import torch
import torch.nn as nn


class Stage(nn.Sequential):
    # Blocks added by name to the Sequential itself: they run in the order added.
    def __init__(self, c: int, depth: int, index: int = 0) -> None:
        super().__init__()
        for i in range(depth):
            self.add_module(f"block{index}-{i}", nn.Linear(c, c))
            self.add_module(f"act{index}-{i}", nn.Tanh())


class Net(nn.Module):
    def __init__(self, c: int) -> None:
        super().__init__()
        self.stage = Stage(c, 2)
        self.head = nn.Linear(c, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.stage(x))


class Named(nn.Module):
    def __init__(self, c: int) -> None:
        super().__init__()
        # A module that is not a Sequential has no such form in Flax: reported.
        self.add_module("extra", nn.Linear(c, c))
