"""Module state that Praxis variables cannot hold, reported: a trained variable written in the
forward pass (Praxis writes the variables that are not trained), state first set there, and a
registration that is not a statement of its own with a literal name."""
import torch
import torch.nn as nn


class Drifting(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d, dtype=torch.float32))
        for name in ["a", "b"]:
            self.register_buffer(name, torch.zeros(d))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.weight = self.weight * 0.5
        self.last = x.sum()
        return x * self.weight
