"""nn.LSTM and nn.GRU towards MLX: mlx.nn.LSTM returns the hidden and the cell states of every
step, batch first, mlx.nn.GRU the hidden states alone; only PyTorch's outputs convert, taken as
the first result. A time-major layer swaps axes 0 and 1 around each call. Stacked layers are a
list run one by one (golden torch-mlx-stacked-recurrent); the final (h, c) of one layer is
reported at its line."""
import torch
from torch import nn


class Recurrent(nn.Module):
    def __init__(self, features: int, hidden: int):
        super().__init__()
        self.lstm = nn.LSTM(features, hidden, batch_first=True)
        self.time_major = nn.LSTM(input_size=hidden, hidden_size=hidden)
        self.gru = nn.GRU(features, hidden, batch_first=True, bias=False)
        self.stacked = nn.LSTM(hidden, hidden, num_layers=2, batch_first=True)

    def forward(self, x: torch.Tensor, steps: torch.Tensor) -> torch.Tensor:
        out, _ = self.lstm(x)
        late = self.time_major(steps)[0]
        gated = self.gru(x)[0]
        late_too, _ = self.time_major(steps)
        deep, _ = self.stacked(out)
        final, (h, c) = self.lstm(x)
        return out + (late + late_too).transpose(0, 1) + gated + deep + final + h[-1][:, None]
