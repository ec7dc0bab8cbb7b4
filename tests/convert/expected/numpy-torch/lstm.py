"""One LSTM layer unrolled over time, with PyTorch's gate order (input, forget, cell, output)."""
import torch


def sigmoid(x):
    return 1.0 / (1.0 + torch.exp(-x))


def lstm(xs, w_ih, w_hh, b):
    # xs: (T, N, I); w_ih: (I, 4H); w_hh: (H, 4H); b: (4H,)
    hidden = w_hh.shape[0]
    h = torch.zeros(xs.shape[1], hidden)
    c = torch.zeros(xs.shape[1], hidden)
    outputs = []
    for x in xs:
        gates = torch.matmul(x, w_ih) + torch.matmul(h, w_hh) + b
        i, f, g, o = torch.tensor_split(gates, 4, dim=-1)
        c = sigmoid(f) * c + sigmoid(i) * torch.tanh(g)
        h = sigmoid(o) * torch.tanh(c)
        outputs.append(h)
    return torch.stack(outputs)
