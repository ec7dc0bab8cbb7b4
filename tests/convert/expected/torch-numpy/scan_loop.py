"""Loops over a sequence that carry state: a running sum and an Elman RNN."""
import torch.nn as nn
import numpy as np


def running_sum(x: np.ndarray) -> np.ndarray:
    total = np.zeros_like(x[0])
    rows = []
    for row in x:
        total = total + row
        rows.append(total)
    return np.stack(rows)


class ElmanRNN(nn.Module):
    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.input_proj = nn.Linear(input_size, hidden_size)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.recurrent = nn.Linear(hidden_size, hidden_size, bias=False)

    def forward(self, xs: np.ndarray) -> np.ndarray:
        h = np.zeros((xs.shape[1], self.hidden_size))
        outputs = []
        for x in xs:
            h = np.tanh(self.input_proj(x) + self.recurrent(h))
            outputs.append(h)
        return np.stack(outputs)
