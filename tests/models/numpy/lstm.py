"""One LSTM layer unrolled over time, with PyTorch's gate order (input, forget, cell, output)."""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def lstm(xs, w_ih, w_hh, b):
    # xs: (T, N, I); w_ih: (I, 4H); w_hh: (H, 4H); b: (4H,)
    hidden = w_hh.shape[0]
    h = np.zeros((xs.shape[1], hidden))
    c = np.zeros((xs.shape[1], hidden))
    outputs = []
    for x in xs:
        gates = np.matmul(x, w_ih) + np.matmul(h, w_hh) + b
        i, f, g, o = np.split(gates, 4, axis=-1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
        outputs.append(h)
    return np.stack(outputs)
