import torch.nn as nn


class Encoder(nn.Module):
    """Stacked and bidirectional LSTMs: each layer and direction a cell of its own elsewhere."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.both = nn.LSTM(4, 3, num_layers=2, batch_first=True, bidirectional=True)
        self.stacked = nn.LSTM(6, 2, num_layers=2, batch_first=True)
        self.reverse = nn.LSTM(2, 2, batch_first=True, bidirectional=True)

    def forward(self, x):
        x = self.both(self.embed(x))[0]
        return self.reverse(self.stacked(x)[0])[0]
