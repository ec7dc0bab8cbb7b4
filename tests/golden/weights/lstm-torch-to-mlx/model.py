# Two LSTMs towards MLX: one with biases (summed into mlx.nn.LSTM's one bias), one without.
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.LSTM(4, 3, batch_first=True)
        self.decoder = nn.LSTM(3, 2, batch_first=True, bias=False)

    def forward(self, x):
        hidden, _ = self.encoder(x)
        out, _ = self.decoder(hidden)
        return out
