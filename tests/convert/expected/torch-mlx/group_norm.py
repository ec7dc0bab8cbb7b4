"""Group normalization: a residual block of a diffusion U-Net, and the same by hand."""
import mlx.core as mx
from mlx import nn


class GroupNormBlock(nn.Module):
    def __init__(self, channels: int, groups: int = 8):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, channels, pytorch_compatible=True)
        self.conv1 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)
        self.norm2 = nn.GroupNorm(groups, channels, eps=1e-6, affine=False, pytorch_compatible=True)
        self.conv2 = nn.Conv2d(channels, channels, kernel_size=3, padding=1)

    def __call__(self, x: mx.array) -> mx.array:
        h = self.conv1(nn.silu(self.norm1(x)))
        h = self.conv2(nn.silu(self.norm2(h)))
        return x + h


def group_norm(x: mx.array, groups: int, eps: float = 1e-5) -> mx.array:
    n, c, h, w = x.shape
    grouped = x.reshape(n, groups, -1)
    mean = grouped.mean(axis=-1, keepdims=True)
    var = mx.var(grouped, axis=-1, ddof=0, keepdims=True)
    return ((grouped - mean) / mx.sqrt(var + eps)).reshape(n, c, h, w)
