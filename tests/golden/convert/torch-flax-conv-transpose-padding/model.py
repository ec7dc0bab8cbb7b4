import torch
import torch.nn as nn


class Upsample(nn.Module):
    # PyTorch's padding crops the output; Flax's pads the stride-dilated input: each axis pads
    # (d * (k - 1) - p, d * (k - 1) - p + output_padding).
    def __init__(self, c: int):
        super().__init__()
        self.twice = nn.ConvTranspose2d(c, 4, 2, stride=2)
        self.cropped = nn.ConvTranspose2d(4, 4, 3, stride=2, padding=1, output_padding=1)
        self.dilated = nn.ConvTranspose2d(4, 2, (3, 2), stride=(2, 1), padding=(2, 0), dilation=2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.dilated(self.cropped(self.twice(x)))


class Ranks(nn.Module):
    def __init__(self):
        super().__init__()
        self.line = nn.ConvTranspose1d(4, 4, 3, stride=2, padding=2, dilation=2)
        self.volume = nn.ConvTranspose3d(4, 2, (3, 2, 2), stride=(1, 2, 2), padding=(1, 0, 0))


class Reported(nn.Module):
    # The pairs need literals; a padding beyond d * (k - 1) has no pair.
    def __init__(self, k: int):
        super().__init__()
        self.sized = nn.ConvTranspose2d(4, 4, k, stride=2)
        self.over_cropped = nn.ConvTranspose2d(4, 4, 2, stride=2, padding=2)
