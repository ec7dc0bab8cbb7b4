"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import torch.nn.functional as F
import mlx.core as mx
from mlx import nn


class GeluBlock(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.fc = nn.Linear(dim, dim)
        self.act = nn.GELU()

    def __call__(self, x: mx.array) -> mx.array:
        # switcheroo: cannot convert 'torch.nn.functional.gelu' to 'mlx': 'mlx.nn.gelu' has no 'approximate' (only its default converts)
        return self.act(self.fc(x)) + F.gelu(x, approximate="tanh")
