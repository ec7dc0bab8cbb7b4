import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.rnn = nn.LSTM(4, 8, num_layers=2, batch_first=True)

    def forward(self, x):
        return self.rnn(self.embed(x))[0]
