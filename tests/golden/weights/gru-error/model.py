import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.rnn = nn.GRU(4, 8, batch_first=True)

    def forward(self, x):
        return self.rnn(self.embed(x))[0]
