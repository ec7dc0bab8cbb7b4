"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import mlx.core as mx
from mlx import nn


class GeluBlock(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.fc = nn.Linear(dim, dim)
        self.act = nn.GELU()

    def __call__(self, x: mx.array) -> mx.array:
        return self.act(self.fc(x)) + nn.gelu_approx(x)
