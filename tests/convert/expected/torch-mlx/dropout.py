"""Dropout on the input features, then a projection."""
import mlx.core as mx
from mlx import nn


class DropoutProjection(nn.Module):
    def __init__(self, dim: int, rate: float = 0.5):
        super().__init__()
        self.drop = nn.Dropout(p=rate)
        self.proj = nn.Linear(dim, dim)

    def __call__(self, x: mx.array) -> mx.array:
        return self.proj(self.drop(x))
