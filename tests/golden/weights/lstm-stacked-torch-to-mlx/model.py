import torch.nn as nn


class Encoder(nn.Module):
    """A stacked LSTM: MLX keeps its layers in a list (stacked.0, stacked.1), each with Wx, Wh and
    one bias, the sum of PyTorch's two."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.stacked = nn.LSTM(4, 3, num_layers=2, batch_first=True)

    def forward(self, x):
        return self.stacked(self.embed(x))[0]
