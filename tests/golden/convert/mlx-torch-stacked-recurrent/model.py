"""Stacked recurrent layers as MLX users write them, read back to PyTorch: a list of one-layer
nn.LSTM (nn.GRU) run one by one, each on the hidden states of the one before, the final state
each layer's last step stacked, is one nn.LSTM(num_layers=3) called once. A list whose sizes do
not chain stays a list of layers, and runs written otherwise are reported."""
import mlx.core as mx
import mlx.nn as nn


class Stacked(nn.Module):
    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.deep = [nn.LSTM(features, hidden), nn.LSTM(hidden, hidden), nn.LSTM(hidden, hidden)]
        self.gated = [nn.GRU(hidden, hidden), nn.GRU(hidden, hidden)]
        self.apart = [nn.LSTM(features, hidden), nn.LSTM(features, hidden)]

    def __call__(self, x: mx.array) -> mx.array:
        h_l0, c_l0 = self.deep[0](x)
        h_l1, c_l1 = self.deep[1](h_l0)
        h_l2, c_l2 = self.deep[2](h_l1)
        out = h_l2
        h, c = mx.stack([h_l0[:, -1], h_l1[:, -1], h_l2[:, -1]]), mx.stack([c_l0[:, -1], c_l1[:, -1], c_l2[:, -1]])
        h_l0 = self.gated[0](out)
        h_l1 = self.gated[1](h_l0)
        gated = h_l1
        last = mx.stack([h_l0[:, -1], h_l1[:, -1]])
        h_l0, c_l0 = self.gated[0](x)
        side = self.apart[0](x)[0] + self.apart[1](x)[0]
        return gated + side + h[-1][:, None] + c[-1][:, None] + last[-1][:, None]
