import torch
import torch.nn as nn


class Windows(nn.Module):
    # Cuts an image into p x p windows of tokens: (B, C, H, W) -> (B, windows, p * p, C).
    def forward(self, x, p: int):
        B, C, H, W = x.shape
        x = x.reshape(B, C, H // p, p, W // p, p)
        x = x.permute(0, 2, 4, 3, 5, 1)
        return x.reshape(B, (H // p) * (W // p), p * p, C)


class Unwindows(nn.Module):
    # Puts the windows back: (B, windows, p * p, C) -> (B, C, H, W).
    def forward(self, x, p: int, hp: int, wp: int):
        B, G, PP, C = x.shape
        x = x.reshape(B, hp, wp, p, p, C)
        x = x.permute(0, 5, 1, 3, 2, 4)
        return x.reshape(B, C, hp * p, wp * p)


class WindowMix(nn.Module):
    # Takes images in a Sequential after a convolution, where no permute can be written before
    # it, and never gives them to a layer that takes images.
    def __init__(self, c: int, p: int, size: int):
        super().__init__()
        self.p = p
        self.size = size
        self.cut = Windows()
        self.join = Unwindows()
        self.mix = nn.Linear(c, c)

    def forward(self, x):
        n = self.size // self.p
        t = self.cut(x, self.p)
        t = t + self.mix(t)
        return self.join(t, self.p, n, n)


class Net(nn.Module):
    def __init__(self, c: int):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(c, 4, kernel_size=3, padding=1), WindowMix(4, 2, 6))
        self.head = nn.Conv2d(4, 2, kernel_size=1)

    def forward(self, x):
        return self.head(self.body(x)).mean(dim=(2, 3))
