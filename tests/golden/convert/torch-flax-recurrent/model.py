"""nn.LSTM and nn.GRU towards Flax NNX: each layer and direction an nnx.RNN over a cell, two
directions an nnx.Bidirectional (the backward RNN with reverse=True, keep_order=True), several
layers an nnx.Sequential of them. The call returns the outputs; a final state unpacked as a
statement of its own runs the layers in turn with return_carry=True and stacks their carries
((c, h) for an LSTM) as PyTorch's h_n, (layers * directions, batch, hidden). An initial state
and a final state used in place are reported at their line."""
import torch
from torch import nn


class Recurrent(nn.Module):
    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.stacked = nn.LSTM(features, hidden, num_layers=2)
        self.both_ways = nn.LSTM(features, hidden, num_layers=2, bidirectional=True, batch_first=True)
        self.gru = nn.GRU(features, hidden, bidirectional=True, batch_first=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, (h, c) = self.lstm(x)
        deep, (deep_h, _) = self.stacked(x.transpose(0, 1))
        wide, state = self.both_ways(x)
        gated, gated_h = self.gru(x)
        plain = self.both_ways(x)[0]
        return (out[:, -1] + h[0] + c[-1] + deep[-1] + deep_h[-1] + wide[:, -1, :4] + state[0][-1]
                + gated[:, 0, :4] + gated_h[1] + plain[:, -1, 4:])


class Reported(nn.Module):
    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.stacked = nn.LSTM(features, hidden, num_layers=2, batch_first=True)

    def forward(self, x: torch.Tensor, h0: torch.Tensor, c0: torch.Tensor) -> torch.Tensor:
        started, _ = self.stacked(x, (h0, c0))
        return started + self.stacked(x)[1][0][-1][:, None]
