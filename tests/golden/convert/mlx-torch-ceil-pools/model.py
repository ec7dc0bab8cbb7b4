"""Max pools after a pad with -inf at the end of H and W by stride - 1: PyTorch's ceil_mode."""
import mlx.core as mx
import mlx.nn as nn


class CeilPools(nn.Module):
    def __init__(self):
        super().__init__()
        self.edge = nn.MaxPool2d(3, stride=2)
        self.uneven = nn.MaxPool2d((4, 3), stride=(3, 2))
        # not ceil_mode: zeros, and widths other than stride - 1
        self.zeros = nn.MaxPool2d(3, stride=2)
        self.wide = nn.MaxPool2d(3, stride=2)

    def __call__(self, x):
        x = self.edge(mx.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0)), constant_values=float("-inf")))
        x = self.uneven(mx.pad(x, [(0, 0), (0, 2), (0, 1), (0, 0)], constant_values=-float("inf")))
        x = self.zeros(mx.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0))))
        return self.wide(mx.pad(x, ((0, 0), (0, 2), (0, 2), (0, 0)), constant_values=float("-inf")))
