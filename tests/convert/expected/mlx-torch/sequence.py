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
