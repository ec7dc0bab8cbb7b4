import torch.nn as nn


class Stack(nn.Module):
    def __init__(self, *sizes):
        super().__init__()
        self.proj = nn.Linear(sizes[0], sizes[-1])

    def forward(self, x):
        return self.proj(x)
