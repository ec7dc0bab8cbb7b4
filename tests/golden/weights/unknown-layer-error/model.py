import torch.nn as nn
from blocks import Residual


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.first = nn.Linear(4, 4)
        self.block = Residual(4)

    def forward(self, x):
        return self.block(self.first(x))
