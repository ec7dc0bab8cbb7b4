import torch
import torch.nn as nn


class Summarizer(nn.Module):
    """Recurrent layers whose final state is read, which Keras builds with return_state=True: a
    stack of them a plain list (`stacked`, `gated`), not a Sequential (`tail`)."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.stacked = nn.LSTM(4, 3, num_layers=2, batch_first=True)
        self.single = nn.LSTM(3, 2, batch_first=True)
        self.gated = nn.GRU(2, 3, num_layers=2, batch_first=True)
        self.tail = nn.GRU(3, 2, num_layers=2, batch_first=True)

    def forward(self, tokens):
        out, (h, c) = self.stacked(self.embed(tokens))
        out, (h1, c1) = self.single(out)
        out, g = self.gated(out)
        rest, _ = self.tail(out)
        return torch.cat([h[-1], c[0], h1[0], g[-1], rest[:, -1]], dim=-1)
