import torch
import torch.nn as nn


class Windowed(nn.Module):
    """State registered in a method the constructor calls (torchvision's swin attention builds
    its relative position index so), and an override of it in a derived class, which the base
    class's constructor calls."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size
        self.proj = nn.Linear(size * size, size * size)
        self.define_index()

    def define_index(self):
        coords = torch.arange(self.size)
        index = (coords[:, None] * self.size + coords[None, :]).flatten()
        self.register_buffer("index", index)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x)[:, self.index]


class Shifted(Windowed):
    def define_index(self):
        coords = torch.arange(self.size)
        index = ((coords[:, None] + 1) % self.size * self.size + coords[None, :]).flatten()
        self.register_buffer("index", index)


class Counted(nn.Module):
    """A registration in a method the forward pass calls has no target form: reported."""

    def __init__(self):
        super().__init__()
        self.scale = 2.0

    def remember(self, x: torch.Tensor):
        self.register_buffer("last", x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.remember(x)
        return x * self.scale
