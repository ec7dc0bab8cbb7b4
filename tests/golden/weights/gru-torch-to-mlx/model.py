import torch.nn as nn


class Encoder(nn.Module):
    """GRUs towards MLX: Wx, Wh, `b` (the input bias plus the reset and update blocks of the
    hidden one) and `bhn` (the hidden bias's candidate block); a stack is a list of layers, and
    two directions two layers of the list, forward then backward."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 4)
        self.gru = nn.GRU(4, 3, batch_first=True)
        self.stacked = nn.GRU(3, 2, num_layers=2, batch_first=True)
        self.plain = nn.GRU(2, 2, bias=False, batch_first=True)
        self.both = nn.GRU(2, 3, bidirectional=True, batch_first=True)

    def forward(self, tokens):
        out = self.gru(self.embed(tokens))[0]
        out = self.stacked(out)[0]
        out = self.plain(out)[0]
        return self.both(out)[0]
