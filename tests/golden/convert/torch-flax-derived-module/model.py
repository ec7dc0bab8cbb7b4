"""A module class derived from another of the file: its super().__init__ takes arguments."""
from torch import nn


class Block(nn.Module):
    def __init__(self, dim: int, hidden: int = 8):
        super().__init__()
        self.fc = nn.Linear(dim, hidden)

    def forward(self, x):
        return self.fc(x)


class BlockV2(Block):
    def __init__(self, dim: int, hidden: int = 8):
        super().__init__(dim, hidden=hidden)

    def forward(self, x):
        return self.fc(x) * 2
