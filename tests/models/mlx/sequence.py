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


class StackedEncoder(nn.Module):
    """Two LSTM layers kept in a list and run one by one; the encoding is the last step's
    outputs plus the top layer's final hidden state."""

    def __init__(self, dims: int, hidden: int):
        super().__init__()
        self.encoder = [nn.LSTM(dims, hidden), nn.LSTM(hidden, hidden)]

    def __call__(self, x: mx.array) -> mx.array:
        h_l0, c_l0 = self.encoder[0](x)
        h_l1, c_l1 = self.encoder[1](h_l0)
        outputs = h_l1
        h = mx.stack([h_l0[:, -1], h_l1[:, -1]])
        return outputs[:, -1] + h[-1]
