import torch
import torch.nn as nn


class Embedding(nn.Module):
    def __init__(self, n: int, d: int):
        super().__init__()
        self.proj = nn.Linear(d, d)
        # Drawn into a value made for it (ViT's position embedding): the draw of that shape.
        self.position = nn.Parameter(torch.empty(1, n, d).normal_(std=0.02))
        self.shift = nn.Parameter(torch.empty(1, d).uniform_(-0.5, 0.5))
        # A shape that is not a display is not known to be one: left, with a warning.
        self.scale = nn.Parameter(torch.empty(d).normal_(mean=1.0))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (self.proj(x) + self.position + self.shift) * self.scale
