"""Loops over a sequence that carry state: a running sum and an Elman RNN."""
import mlx.core as mx
from mlx import nn


def running_sum(x: mx.array) -> mx.array:
    total = mx.zeros_like(x[0])
    rows = []
    for row in x:
        total = total + row
        rows.append(total)
    return mx.stack(rows)


class ElmanRNN(nn.Module):
    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        self.input_proj = nn.Linear(input_size, hidden_size)
        self.recurrent = nn.Linear(hidden_size, hidden_size, bias=False)

    def __call__(self, xs: mx.array) -> mx.array:
        h = mx.zeros((xs.shape[1], self.hidden_size))
        outputs = []
        for x in xs:
            h = mx.tanh(self.input_proj(x) + self.recurrent(h))
            outputs.append(h)
        return mx.stack(outputs)
