"""Time-major LSTMs in a ModuleList: their gates and biases come back from Flax NNX's cells."""
import torch.nn as nn


class Stack(nn.Module):
    def __init__(self, features: int = 5):
        super().__init__()
        self.rnns = nn.ModuleList([nn.LSTM(features, 2), nn.LSTM(2, 2)])

    def forward(self, xs):
        for rnn in self.rnns:
            xs = rnn(xs)[0]
        return xs
