import torch.nn as nn


class Encoder(nn.Module):
    """Bidirectional LSTMs: MLX keeps two one-direction layers per layer in a list, forward then
    backward (both.0, both.1; deep.0 to deep.3), each with Wx, Wh and one bias, the sum of
    PyTorch's two."""

    def __init__(self):
        super().__init__()
        self.both = nn.LSTM(4, 3, bidirectional=True, batch_first=True)
        self.deep = nn.LSTM(6, 3, num_layers=2, bidirectional=True, batch_first=True)

    def forward(self, x):
        out, _ = self.both(x)
        return self.deep(out)[0]
