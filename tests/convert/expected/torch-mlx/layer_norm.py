"""Pre-norm residual feed-forward block."""
import mlx.core as mx
from mlx import nn


class PreNormFeedForward(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.up = nn.Linear(dim, hidden)
        self.down = nn.Linear(hidden, dim)

    def __call__(self, x: mx.array) -> mx.array:
        return x + self.down(mx.tanh(self.up(self.norm(x))))
