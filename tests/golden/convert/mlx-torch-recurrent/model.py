"""mlx.nn.LSTM and GRU read back to PyTorch: nn.LSTM / nn.GRU(batch_first=True). MLX's LSTM
returns the hidden and the cell states of every step: its hidden states are PyTorch's output
([0]); its cell states have no PyTorch counterpart and are reported."""
import mlx.core as mx
import mlx.nn as nn


class Recurrent(nn.Module):
    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden)
        self.gru = nn.GRU(hidden, hidden, bias=False)

    def __call__(self, x: mx.array) -> mx.array:
        out, _ = self.lstm(x)
        first = self.lstm(x)[0]
        gated = self.gru(mx.tanh(out))
        hidden, cells = self.lstm(x)
        return out + first + gated + hidden + cells
