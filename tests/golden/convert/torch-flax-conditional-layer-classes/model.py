from typing import Callable

import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, c: int, activation_layer: Callable[..., nn.Module] = nn.ReLU):
        super().__init__()
        self.fc = nn.Linear(c, c)
        self.act = activation_layer(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.fc(x))


class Net(nn.Module):
    def __init__(self, c: int, hard: bool = True, smooth: bool = False):
        super().__init__()
        # Either branch of a conditional expression is the class given as a value.
        activation_layer = nn.Hardswish if hard else nn.ReLU
        second = nn.ReLU6 if not hard else nn.SiLU if smooth else nn.Hardsigmoid
        self.first = Block(c, activation_layer)
        self.second = Block(c, activation_layer=second)
        self.third = Block(c, nn.ReLU if smooth else nn.ReLU6)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.third(self.second(self.first(x)))
