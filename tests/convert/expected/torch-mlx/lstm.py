"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch.nn as nn
import mlx.nn
import mlx.core as mx


class SequenceClassifier(mlx.nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.embed = mlx.nn.Embedding(vocab_size, embed_dim)
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'mlx': mlx.nn.LSTM is one batch-first layer returning (hidden, cell) for every step: not converted yet
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.head = mlx.nn.Linear(hidden_size, num_classes)

    def __call__(self, tokens: mx.array) -> mx.array:
        outputs, _ = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])


class SequenceEncoder(mlx.nn.Module):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    def __init__(self, features: int, hidden_size: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'mlx': mlx.nn.LSTM is one batch-first layer returning (hidden, cell) for every step: not converted yet
        self.rnn = nn.LSTM(features, hidden_size)
        # switcheroo: cannot convert 'torch.nn.LSTM' to 'mlx': mlx.nn.LSTM is one batch-first layer returning (hidden, cell) for every step: not converted yet
        self.stacked = nn.LSTM(hidden_size, hidden_size, num_layers=2)

    def __call__(self, xs: mx.array) -> mx.array:
        outputs = self.rnn(xs)[0]
        outputs, (h, c) = self.stacked(outputs)
        return h[-1]
