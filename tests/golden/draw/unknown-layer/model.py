"""A layer the knowledge base does not know: its shape is unknown, with the reason."""
import torch.nn as nn
from fancy import FancyLayer


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 8)
        self.fancy = FancyLayer(8)
        self.out = nn.Linear(8, 2)

    def forward(self, x):
        return self.out(self.fancy(self.fc(x)))
