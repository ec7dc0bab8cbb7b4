"""Stacked nn.LSTM / nn.GRU towards MLX, whose layers are one layer of one direction returning
every step's states: a list of them, each call a statement of its own running them in turn, the
outputs the last layer's hidden states and the final state each layer's last step stacked (two
directions: torch-mlx-bidirectional-recurrent). A call inside an expression is reported at its
line."""
import torch
from torch import nn


class Stacked(nn.Module):
    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.deep = nn.LSTM(features, hidden, num_layers=3, batch_first=True)
        self.gated = nn.GRU(hidden, hidden, num_layers=2, batch_first=True)
        self.both = nn.LSTM(features, hidden, num_layers=2, bidirectional=True, batch_first=True)
        self.inline = nn.LSTM(features, hidden, num_layers=2, batch_first=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, (h, c) = self.deep(x)
        gated, last = self.gated(out)
        first = self.gated(out)[0]
        ahead, _ = self.both(x)
        return gated + first + h[-1][:, None] + c[-1][:, None] + last[-1][:, None] + ahead + self.inline(x)[0]
