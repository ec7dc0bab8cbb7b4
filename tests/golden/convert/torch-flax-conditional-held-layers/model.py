import torch
import torch.nn as nn


class Swap(nn.Module):
    def __init__(self, a: int, b: int):
        super().__init__()
        self.a = a
        self.b = b

    def forward(self, x):
        return torch.swapaxes(x, self.a, self.b)


class Net(nn.Module):
    # A layer held as a conditional expression (MaxViT's `SwapAxes(-2, -3) if ... else
    # nn.Identity()`): the layout flow follows both branches, which agree on an image in the
    # source's layout, so the convolution after it gets that image permuted.
    def __init__(self, c: int, swap: bool = True):
        super().__init__()
        self.conv = nn.Conv2d(c, 4, kernel_size=3, padding=1)
        self.swap = Swap(1, 2) if swap else nn.Identity()
        self.out = nn.Conv2d(4, 2, kernel_size=1)

    def forward(self, x):
        y = self.conv(x)
        b, c, h, w = y.shape
        t = self.swap(y.reshape(b, c, h * w))
        return self.out(t.reshape(b, c, h, w)).mean(dim=(2, 3))
