"""An absolute import of the file's own package (`lib`) is followed like a relative one."""
import torch.nn as nn

from lib.blocks import Block


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(4)
        self.out = nn.Linear(4, 2)

    def forward(self, x):
        return self.out(self.block(x))
