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
