"""Convolutions that keep the spatial size: padding='same'."""
import torch.nn as nn
import mlx.nn
import mlx.core as mx


class SameConvBlock(mlx.nn.Module):
    def __init__(self, in_channels: int, width: int = 32):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'mlx': value "same" of 'padding' has no equivalent in 'mlx.nn.Conv2d'
        self.conv = nn.Conv2d(in_channels, width, kernel_size=3, padding="same")
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'mlx': value "same" of 'padding' has no equivalent in 'mlx.nn.Conv2d'
        self.dilated = nn.Conv2d(width, width, kernel_size=3, padding="same", dilation=2, bias=False)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'mlx': value "same" of 'padding' has no equivalent in 'mlx.nn.Conv2d'
        self.wide = nn.Conv2d(width, width, kernel_size=(1, 5), padding="same")

    def __call__(self, x: mx.array) -> mx.array:
        x = mlx.nn.relu(self.conv(x))
        x = mlx.nn.relu(self.dilated(x))
        return x + self.wide(x)
