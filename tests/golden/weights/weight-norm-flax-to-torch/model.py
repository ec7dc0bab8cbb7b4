"""Weight-normalized layers over sequences: a 1-D convolution normalized over its whole kernel
(dim=None) and a Linear per output feature (the default dim=0); their tensors come back from
Flax NNX's nnx.WeightNorm."""
import torch
import torch.nn as nn


class Smoother(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.utils.weight_norm(nn.Conv1d(channels, channels, 3), dim=None)
        self.proj = nn.utils.weight_norm(nn.Linear(channels, 4))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(torch.flatten(torch.tanh(self.conv(x)), 1))  # x: 3 steps, one left
