"""A sequence classifier: embedding, one LSTM layer, a linear head on the last step."""
import torch.nn as nn


class SequenceClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.lstm = nn.LSTM(4, 3, batch_first=True)
        self.head = nn.Linear(3, 2)

    def forward(self, tokens):
        return self.head(self.lstm(self.embed(tokens))[0][:, -1])
