"""Unconverted code still reads the source's `nn`: the target's reads are written qualified."""
from torch import nn
import minigrad.nn


class Net(minigrad.nn.Module):
    def setup(self):
        # switcheroo: no mapping for 'torch.nn.Embedding' to 'minigrad'
        self.embed = nn.Embedding(10, 2)
        self.fc = minigrad.nn.Dense(2, 2)
