"""Dropout on the input features, then a projection."""
import minigrad as mg
from minigrad import nn


class DropoutProjection(nn.Module):
    def setup(self, dim: int, rate: float = 0.5):
        self.drop = nn.Dropout(rate=rate)
        self.proj = nn.Dense(dim, dim)

    def call(self, x: mg.Array) -> mg.Array:
        return self.proj(self.drop(x))
