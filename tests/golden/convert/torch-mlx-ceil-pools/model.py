"""Max pools with ceil_mode=True towards MLX: mx.pad with -inf at the end of H and W by
stride - 1 at each call, then nn.MaxPool2d; a pool held in a list has no attribute of its own."""
import torch.nn as nn


class Tower(nn.Module):
    def __init__(self):
        super().__init__()
        self.squeeze = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.wide = nn.MaxPool2d(kernel_size=(2, 5), stride=(2, 4), ceil_mode=True)
        # reported: its calls are not found by an attribute
        self.pools = nn.ModuleList([nn.MaxPool2d(3, 2, ceil_mode=True)])

    def forward(self, x):
        x = self.wide(self.squeeze(x))
        for pool in self.pools:
            x = pool(x)
        return x
