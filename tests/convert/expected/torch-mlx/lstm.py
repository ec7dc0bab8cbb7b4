"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import mlx.core as mx
from mlx import nn


class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size)
        self.head = nn.Linear(hidden_size, num_classes)

    def __call__(self, tokens: mx.array) -> mx.array:
        outputs = self.lstm(self.embed(tokens))[0]
        return self.head(outputs[:, -1])


class SequenceEncoder(nn.Module):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    def __init__(self, features: int, hidden_size: int):
        super().__init__()
        self.rnn = nn.LSTM(features, hidden_size)
        self.stacked = [nn.LSTM(hidden_size, hidden_size), nn.LSTM(hidden_size, hidden_size)]

    def __call__(self, xs: mx.array) -> mx.array:
        outputs = self.rnn(xs.swapaxes(0, 1))[0].swapaxes(0, 1)
        h_l0, c_l0 = self.stacked[0](outputs.swapaxes(0, 1))
        h_l1, c_l1 = self.stacked[1](h_l0)
        outputs = h_l1.swapaxes(0, 1)
        h = mx.stack([h_l0[:, -1], h_l1[:, -1]])
        return h[-1]
