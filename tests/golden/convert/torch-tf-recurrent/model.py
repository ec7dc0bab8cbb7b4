"""nn.LSTM and nn.GRU towards TensorFlow: tf.keras.layers.LSTM / GRU with return_sequences=True return
the output of every step alone, batch first; input_shape keeps PyTorch's input_size. A
time-major layer swaps axes 0 and 1 around each call. Stacked layers are a
tf.keras.Sequential of one-layer layers (a later one taking hidden inputs, 2 * hidden with
two directions), two directions tf.keras.layers.Bidirectional(layer); the final state and
an initial state are reported at their line."""
import torch
from torch import nn


class Recurrent(nn.Module):
    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.time_major = nn.LSTM(input_size=hidden, hidden_size=hidden)
        self.gru = nn.GRU(features, hidden, batch_first=True, bias=False)
        self.stacked = nn.LSTM(hidden, hidden, num_layers=2, batch_first=True)
        self.both_ways = nn.GRU(hidden, hidden, bidirectional=True)
        self.deep_both = nn.LSTM(features, hidden, num_layers=2, bidirectional=True, batch_first=True)

    def forward(self, x: torch.Tensor, steps: torch.Tensor, h0: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(x)
        late = self.time_major(steps)[0]
        gated, _ = self.gru(x)
        deep, _ = self.stacked(out)
        wide, _ = self.both_ways(steps)
        both = self.deep_both(x)[0]
        final, (h, c) = self.lstm(x)
        started, _ = self.gru(x, h0)
        return (out + late.transpose(0, 1) + gated + deep + final + h[-1][:, None] + started
                + wide.transpose(0, 1)[:, :, :1] + both[:, :, :1])
