"""A ResNet stage built by a method, as torchvision's ResNet builds its layers."""
import torch.nn as nn
import jax


class ConvBlock(nn.Module):
    def __init__(self, channels: int, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv = nn.Conv2d(channels, channels, kernel_size=3, padding=1, bias=False)
        self.norm = norm_layer(channels)

    def forward(self, x: jax.Array) -> jax.Array:
        return jax.nn.relu(x + self.norm(self.conv(x)))


class Stage(nn.Module):
    def __init__(self, channels: int, blocks: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.stem = nn.Conv2d(3, channels, kernel_size=7, stride=2, padding=3)
        self.blocks = self._make_blocks(channels, blocks)

    def _make_blocks(self, channels: int, count: int) -> nn.Sequential:
        # switcheroo: cannot convert 'torch.nn.Sequential' to 'paxml': praxis.layers.Sequential takes its layers as a list of templates: Praxis layers are not converted yet
        return nn.Sequential(*[ConvBlock(channels) for _ in range(count)])

    def forward(self, x: jax.Array) -> jax.Array:
        return self.blocks(self.stem(x))
