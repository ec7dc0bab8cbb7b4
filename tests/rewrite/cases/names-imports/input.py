import torch
import torch as t
import torch.nn.functional as F
from torch import nn
from torch.nn import Linear as L, ReLU
import numpy.linalg


def helper(x):
    return x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        self.act = ReLU()
        self.other = helper(3)

    def forward(self, x):
        y = F.relu(self.fc(x)).view(-1)
        z = t.cat([y, L(2, 2)(y)], dim=0)
        w = numpy.linalg.norm(z) + torch.nn.functional.gelu(z)
        return self.act(helper(w)), self.other(w), self.missing(w)
