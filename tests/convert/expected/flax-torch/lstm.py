"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch
from torch import nn


class SequenceClassifier(nn.Module):
    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_classes: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, num_classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        outputs = self.lstm(self.embed(tokens))[0]
        return self.head(outputs[:, -1])
