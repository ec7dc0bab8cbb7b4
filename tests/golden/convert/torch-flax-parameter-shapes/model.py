import torch
import torch.nn as nn


class Net(nn.Module):
    # A parameter's shape read as the source lays it out (nn.Linear's weight is (out, in),
    # nnx.Linear's kernel (in, out); a Conv2d's (out, in, kh, kw), an nnx.Conv's (kh, kw, in,
    # out)): the target's name, and each axis named by a number the target's axis of it.
    def __init__(self, d: int):
        super().__init__()
        self.fc = nn.Linear(d, 2 * d)
        self.conv = nn.Conv2d(3, d, 3)
        self.width = self.fc.weight.size(0)
        rows, cols = self.fc.weight.shape
        self.scale = float(rows * 10 + cols + self.conv.weight.shape[0] * 100)
        self.count = self.fc.weight.numel() + self.conv.weight.ndim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x) * self.fc.weight.shape[-1] + self.scale + self.count + self.width


class Axis(nn.Module):
    # An axis not written as a number cannot be renumbered: reported.
    def __init__(self, d: int, axis: int = 0):
        super().__init__()
        self.fc = nn.Linear(d, d)
        self.size = self.fc.weight.size(axis)
