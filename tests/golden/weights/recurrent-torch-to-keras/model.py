import torch.nn as nn


class Tagger(nn.Module):
    """Recurrent layers Keras builds otherwise: a Sequential of layers, a Bidirectional, a GRU."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(4, 3, num_layers=2, bidirectional=True)
        self.gru = nn.GRU(6, 2, num_layers=2)
        self.last = nn.GRU(2, 2, bidirectional=True)

    def forward(self, x):
        x = self.gru(self.lstm(x)[0])[0]
        return self.last(x)[0]
