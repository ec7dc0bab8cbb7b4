"""Max pools with ceil_mode=True towards a framework whose pool has no ceil_mode: the input
padded at the end of H and W by stride - 1 with -inf, then a pool without it."""
import torch.nn as nn
import torch.nn.functional as F


class CeilPools(nn.Module):
    def __init__(self):
        super().__init__()
        # padded at each call: (0, 1) on H and W for stride 2, (0, 2) and (0, 1) for (3, 2)
        self.edge = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.uneven = nn.MaxPool2d((4, 3), stride=(3, 2), ceil_mode=True)
        # stride 1: ceil_mode changes nothing, nothing is padded
        self.flat = nn.MaxPool2d(3, stride=1, ceil_mode=True)
        # reported: windows shorter than their strides, and padding beside ceil_mode
        self.sparse = nn.MaxPool2d(2, stride=3, ceil_mode=True)
        self.padded = nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)

    def forward(self, x):
        x = self.flat(self.uneven(self.edge(x)))
        x = self.padded(self.sparse(x))
        return F.max_pool2d(x, 3, 2, ceil_mode=True)
