import torch
import torch.nn as nn


class Permute(nn.Module):
    # A layer that permutes its input's axes by its constructor's argument (torchvision's
    # ops.misc.Permute): the layout flow follows it where it is constructed with literal axes.
    def __init__(self, dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return torch.permute(x, self.dims)


class Block(nn.Module):
    # ConvNeXt's CNBlock: a channels-last block between two Permute layers, and a scale held
    # shaped (C, 1, 1) to broadcast against the NCHW image.
    def __init__(self, c: int):
        super().__init__()
        self.block = nn.Sequential(
            nn.Conv2d(c, c, kernel_size=3, padding=1, groups=c),
            Permute([0, 2, 3, 1]),
            nn.LayerNorm(c),
            nn.Linear(c, 2 * c),
            nn.GELU(),
            nn.Linear(2 * c, c),
            Permute([0, 3, 1, 2]),
        )
        self.scale = nn.Parameter(torch.ones(c, 1, 1) * 0.5)
        self.conv = nn.Conv2d(c, c, 1)
        self.to_last = Permute((0, 2, 3, 1))

    def forward(self, x):
        y = x + self.scale * self.block(x)
        # One Permute called alone: channels last, as the source has them.
        z = self.to_last(self.conv(y))
        return z.mean(-1)
