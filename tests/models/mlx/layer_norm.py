"""A pre-norm feed-forward block with a residual connection."""
import mlx.core as mx
import mlx.nn as nn


class PreNormFeedForward(nn.Module):
    def __init__(self, dims: int, hidden: int):
        super().__init__()
        self.norm = nn.LayerNorm(dims, eps=1e-5)
        self.up = nn.Linear(dims, hidden)
        self.down = nn.Linear(hidden, dims)

    def __call__(self, x: mx.array) -> mx.array:
        return x + self.down(nn.gelu(self.up(self.norm(x))))
