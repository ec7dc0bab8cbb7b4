"""Bidirectional recurrent layers as torch-mlx-bidirectional-recurrent writes them, read back to
PyTorch: a list of two one-layer nn.LSTM (nn.GRU) per layer, the second run on the steps
reversed, both joined on the feature axis, is one nn.LSTM(bidirectional=True) called once, its
final state the runs' last steps stacked. Runs joined otherwise are reported."""
import mlx.core as mx
import mlx.nn as nn


class Both(nn.Module):
    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.both = [nn.LSTM(features, hidden), nn.LSTM(features, hidden)]
        self.deep = [nn.LSTM(2 * hidden, hidden), nn.LSTM(2 * hidden, hidden), nn.LSTM(2 * hidden, hidden), nn.LSTM(2 * hidden, hidden)]
        self.gated = [nn.GRU(2 * hidden, hidden), nn.GRU(2 * hidden, hidden)]
        self.summed = [nn.GRU(features, hidden), nn.GRU(features, hidden)]

    def __call__(self, x: mx.array) -> mx.array:
        h_l0, c_l0 = self.both[0](x)
        h_l0_reverse, c_l0_reverse = self.both[1](x[:, ::-1])
        out_l0 = mx.concatenate([h_l0, h_l0_reverse[:, ::-1]], axis=-1)
        out = out_l0
        h, c = mx.stack([h_l0[:, -1], h_l0_reverse[:, -1]]), mx.stack([c_l0[:, -1], c_l0_reverse[:, -1]])
        h_l0, c_l0 = self.deep[0](out)
        h_l0_reverse, c_l0_reverse = self.deep[1](out[:, ::-1])
        out_l0 = mx.concatenate([h_l0, h_l0_reverse[:, ::-1]], axis=-1)
        h_l1, c_l1 = self.deep[2](out_l0)
        h_l1_reverse, c_l1_reverse = self.deep[3](out_l0[:, ::-1])
        out_l1 = mx.concatenate([h_l1, h_l1_reverse[:, ::-1]], axis=-1)
        deep = out_l1
        h_l0 = self.gated[0](deep)
        h_l0_reverse = self.gated[1](deep[:, ::-1])
        out_l0 = mx.concatenate([h_l0, h_l0_reverse[:, ::-1]], axis=-1)
        gated = out_l0
        last = mx.stack([h_l0[:, -1], h_l0_reverse[:, -1]])
        h_l0 = self.summed[0](x)
        h_l0_reverse = self.summed[1](x[:, ::-1])
        out_l0 = h_l0 + h_l0_reverse[:, ::-1]
        summed = out_l0
        return gated + summed + mx.concatenate([h[-1], c[0]], -1)[:, None] + mx.concatenate([last[0], last[1]], -1)[:, None]
