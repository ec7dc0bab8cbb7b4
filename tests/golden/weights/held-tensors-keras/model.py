"""Tensors a class holds itself towards Keras 3: each is one of the layer's own variables,
`vars/<n>`, trainable ones (parameters) first, then the buffers, beside its sublayers' paths."""
import torch
import torch.nn as nn


class Gate(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.register_buffer("offset", torch.zeros(width))
        self.gain = nn.Parameter(torch.ones(width))
        self.dense = nn.Linear(width, width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dense(x - self.offset) * self.gain


class Scaled(nn.Module):
    def __init__(self, width: int = 4):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1, width))
        self.gate = Gate(width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.gate(x) * self.scale
