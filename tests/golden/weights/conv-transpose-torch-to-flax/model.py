"""Transposed convolutions over one and three spatial axes: their kernels flipped spatially and
their channel axes moved into Flax NNX's layout (nnx.ConvTranspose, transpose_kernel=False)."""
import torch
import torch.nn as nn


class Upsampler(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        self.wave = nn.ConvTranspose1d(channels, 3, 3, stride=2)
        self.volume = nn.ConvTranspose3d(channels, 2, (3, 2, 1), padding=(1, 0, 0))

    def forward(self, x: torch.Tensor, volume: torch.Tensor):
        return self.wave(x), self.volume(volume)
