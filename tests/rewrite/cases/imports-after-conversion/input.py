import os
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import Linear, ReLU


class Net(nn.Module):
    def __init__(self):
        self.fc = Linear(2, 2)

    def forward(self, x):
        return F.relu(self.fc(x)) + os.getpid()
