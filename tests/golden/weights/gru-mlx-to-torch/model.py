from torch import nn


class Decoder(nn.Module):
    """MLX's GRUs back to PyTorch: bias_ih is `b`, bias_hh zeros for its reset and update
    blocks (folded into `b`), then `bhn`."""

    def __init__(self, hidden=4):
        super().__init__()
        self.layers = nn.GRU(hidden, hidden, num_layers=2, batch_first=True)

    def forward(self, x):
        return self.layers(x)[0]
