import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, dim, classes):
        super().__init__()
        self.proj = nn.Linear(dim, classes)

    def forward(self, x):
        # Mean over the sequence, then project.
        return self.proj(x.mean(dim=1))
