"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import minigrad as mg
from minigrad import nn


class GeluBlock(nn.Module):
    def setup(self, dim: int):
        self.fc = nn.Dense(dim, dim)
        self.act = nn.GELU()

    def call(self, x: mg.Array) -> mg.Array:
        return self.act(self.fc(x)) + mg.gelu(x, tanh_approximation=True)
