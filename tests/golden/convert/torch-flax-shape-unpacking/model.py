import torch
from torch import nn


class Patches(nn.Module):
    # ViT's _process_input: the sizes of an image unpacked from its shape take the converted
    # array's order (`n, h, w, c = x.shape` against NHWC).
    def __init__(self, c: int, d: int, p: int):
        super().__init__()
        self.p = p
        self.proj = nn.Conv2d(c, d, kernel_size=p, stride=p)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c, h, w = x.shape
        y = self.proj(x)
        b, d, rows, cols = y.shape
        return y.reshape(b, d, rows * cols) * (h * 10 + w + c)
