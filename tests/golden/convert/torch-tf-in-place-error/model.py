import torch


def clean(x: torch.Tensor, rows):
    y = torch.tanh(x)
    y[y < 0] = 0.0
    y[rows] = 1.0
    y[:, 1:3].mul_(2.0)
    return y.relu_()
