"""Variables as Praxis users declare them: create_variable in setup() with a WeightHParams that
WeightInit.Constant fills, trainable ones read through self.theta, and state that is not
trained (trainable=False: a running mean, an int32 step counter) read by get_var and written
by update_var in __call__."""
from praxis import base_layer
import torch
from torch import nn

JTensor = base_layer.JTensor


class GatedHeads(nn.Module):

    def __init__(self, dims: int = 6, decay: float = 0.9) -> None:
        super().__init__()
        self.decay = decay
        self.proj = nn.Linear(in_features=dims, out_features=dims)
        self.gain = nn.Parameter(torch.full([dims], 1.0))
        self.bias = nn.Parameter(torch.full([dims], 0.0))
        self.register_buffer('moving_mean', torch.full([dims], 0.0))
        self.steps = 0

    def forward(self, x: JTensor) -> JTensor:
        h = self.proj(x) * self.gain + self.bias
        self.steps = self.steps + 1
        mean = self.moving_mean * self.decay + torch.mean(h, dim=0) * (1.0 - self.decay)
        self.moving_mean = mean
        return h - self.moving_mean
