"""A sequence tagger: a GRU over embedded tokens, an LSTM over its outputs, a Linear per step."""
import mlx.core as mx
import mlx.nn as nn


class SequenceTagger(nn.Module):
    def __init__(self, vocab: int, dims: int, hidden: int, tags: int):
        super().__init__()
        self.embed = nn.Embedding(vocab, dims)
        self.gru = nn.GRU(dims, hidden)
        self.lstm = nn.LSTM(hidden, hidden)
        self.out = nn.Linear(hidden, tags)

    def __call__(self, tokens: mx.array) -> mx.array:
        steps = self.gru(self.embed(tokens))
        hidden, _ = self.lstm(steps)
        return self.out(hidden)
