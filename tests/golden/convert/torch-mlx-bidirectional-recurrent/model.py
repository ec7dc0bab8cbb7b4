"""Bidirectional nn.LSTM / nn.GRU towards MLX, whose layers run one direction: two layers per
PyTorch layer, forward then backward, the backward one run on the steps reversed and its states
reversed back, both concatenated on the feature axis as PyTorch's outputs; the final state each
direction's last step, stacked in PyTorch's order. Two directions read their input twice: an
input that is no name is reported at its line."""
import torch
from torch import nn


class Both(nn.Module):
    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.both = nn.LSTM(features, hidden, bidirectional=True, batch_first=True)
        self.deep = nn.LSTM(2 * hidden, hidden, num_layers=2, bidirectional=True, batch_first=True)
        self.gated = nn.GRU(2 * hidden, hidden, bidirectional=True, batch_first=True)
        self.twice = nn.GRU(features, hidden, bidirectional=True, batch_first=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, (h, c) = self.both(x)
        deep, _ = self.deep(out)
        gated, last = self.gated(deep)
        doubled, _ = self.twice(2 * x)
        return gated + doubled + torch.cat([h[-1], c[0]], -1)[:, None] + torch.cat([last[0], last[1]], -1)[:, None]
