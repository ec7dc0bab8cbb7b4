import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.rnn = nn.LSTM(channels, channels)

    def forward(self, x):
        return self.rnn(x)[0]
