"""A small MiniGrad model (MiniGrad is the made-up framework of the SDK's template adapter)."""
import minigrad as mg
from minigrad import nn


class MLP(nn.Module):
    def __init__(self, features: int, hidden: int, classes: int):
        super().__init__()
        self.hidden = nn.Dense(fan_in=features, fan_out=hidden)
        self.out = nn.Dense(fan_in=hidden, fan_out=classes, with_bias=False)

    def forward(self, x):
        return self.out(mg.relu(self.hidden(x)))
