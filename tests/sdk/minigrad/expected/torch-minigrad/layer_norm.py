"""Pre-norm residual feed-forward block."""
import minigrad as mg
from minigrad import nn


class PreNormFeedForward(nn.Module):
    def setup(self, dim: int, hidden: int):
        self.norm = nn.LayerNorm(dim)
        self.up = nn.Dense(dim, hidden)
        self.down = nn.Dense(hidden, dim)

    def call(self, x: mg.Array) -> mg.Array:
        return x + self.down(mg.tanh(self.up(self.norm(x))))
