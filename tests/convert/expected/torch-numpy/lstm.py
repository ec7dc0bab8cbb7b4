"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch.nn as nn
import numpy as np


class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Embedding' to 'numpy'
        self.embed = nn.Embedding(vocab_size, embed_dim)
        # switcheroo: no mapping for 'torch.nn.LSTM' to 'numpy'
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, tokens: np.ndarray) -> np.ndarray:
        outputs, _ = self.lstm(self.embed(tokens))
        return self.head(outputs[:, -1])


class SequenceEncoder(nn.Module):
    """Time-major sequences; the stacked LSTM has no single-cell equivalent."""

    def __init__(self, features: int, hidden_size: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.LSTM' to 'numpy'
        self.rnn = nn.LSTM(features, hidden_size)
        # switcheroo: no mapping for 'torch.nn.LSTM' to 'numpy'
        self.stacked = nn.LSTM(hidden_size, hidden_size, num_layers=2)

    def forward(self, xs: np.ndarray) -> np.ndarray:
        outputs = self.rnn(xs)[0]
        outputs, (h, c) = self.stacked(outputs)
        return h[-1]
