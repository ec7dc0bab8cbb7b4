"""Max pools with ceil_mode=True towards TensorFlow: tf.pad with -inf at the end of H and W by
stride - 1 at each call of the layer, then a 'valid' MaxPooling2D; the function's pool is a
layer built in __init__, padded the same way."""
import torch
from torch import nn
from torch.nn import functional as F


class Stem(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = nn.Conv2d(3, channels, 7, stride=2, padding=3)
        self.pool = nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        # both calls padded alike
        a = self.pool(F.relu(self.conv(x)))
        b = self.pool(F.relu(self.conv(y)))
        # tf.nn.max_pool2d is missing from the TensorFlow API snapshot: a MaxPooling2D built in
        # __init__ for the call, its input padded alike
        return F.max_pool2d(a + b, kernel_size=2, ceil_mode=True)
