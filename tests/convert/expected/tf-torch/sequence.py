"""A sequence tagger: a GRU over embedded tokens, an LSTM over its outputs, a Dense per step."""
import torch
from torch import nn


class SequenceTagger(nn.Module):
    def __init__(self, vocab: int, dim: int, hidden: int, tags: int):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.gru = nn.GRU(input_size=dim, hidden_size=hidden, num_layers=1, batch_first=True, bidirectional=False)
        self.lstm = nn.LSTM(input_size=hidden, hidden_size=hidden, num_layers=1, batch_first=True, bidirectional=False)
        self.out = nn.Linear(in_features=hidden, out_features=tags)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        steps = self.gru(self.embed(tokens))[0]
        return self.out(self.lstm(steps)[0])


class StackedEncoder(nn.Module):
    """Two LSTMs run one by one, built to return their final states, stacked as PyTorch's."""

    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.encoders = nn.LSTM(input_size=dim, hidden_size=hidden, num_layers=2, batch_first=True, bidirectional=False)

    def forward(self, steps):
        steps, (h, c) = self.encoders(steps)
        return h[-1] + c[-1]
