"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch
import torch.nn as nn


class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        outputs, _ = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])


class SequenceEncoder(nn.Module):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    def __init__(self, features: int, hidden_size: int):
        super().__init__()
        self.rnn = nn.LSTM(features, hidden_size)
        self.stacked = nn.LSTM(hidden_size, hidden_size, num_layers=2)

    def forward(self, xs: torch.Tensor) -> torch.Tensor:
        outputs = self.rnn(xs)[0]
        outputs, (h, c) = self.stacked(outputs)
        return h[-1]
