import torch


def clean(x: torch.Tensor, rows):
    y = torch.tanh(x)
    y[y < 0] = 0.0
    y[rows] = 1.0
    y[:, 0].mul_(2.0)
    return y.relu_()
