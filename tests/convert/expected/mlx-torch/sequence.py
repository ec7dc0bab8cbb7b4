"""A sequence tagger: a GRU over embedded tokens, an LSTM over its outputs, a Linear per step."""
import torch
from torch import nn


class SequenceTagger(nn.Module):
    def __init__(self, vocab: int, dims: int, hidden: int, tags: int):
        super().__init__()
        self.embed = nn.Embedding(vocab, dims)
        self.gru = nn.GRU(dims, hidden, num_layers=1, batch_first=True, bidirectional=False)
        self.lstm = nn.LSTM(hidden, hidden, num_layers=1, batch_first=True, bidirectional=False)
        self.out = nn.Linear(hidden, tags)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        steps = self.gru(self.embed(tokens))[0]
        hidden = self.lstm(steps)[0]
        return self.out(hidden)


class StackedEncoder(nn.Module):
    """Two LSTM layers kept in a list and run one by one; the encoding is the last step's
    outputs plus the top layer's final hidden state."""

    def __init__(self, dims: int, hidden: int):
        super().__init__()
        self.encoder = nn.LSTM(dims, hidden, num_layers=2, batch_first=True, bidirectional=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h_l1, (h, _) = self.encoder(x)
        outputs = h_l1
        return outputs[:, -1] + h[-1]
