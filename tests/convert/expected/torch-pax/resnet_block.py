"""A ResNet basic block with an optional projection shortcut."""
import torch.nn as nn
import jax
import praxis.layers as pl
from praxis import base_layer


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> pl.Conv2D:
    # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': value 1 of 'padding' has no equivalent in 'praxis.layers.Conv2D'
    return nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(base_layer.BaseLayer):
    in_channels: int = 0
    out_channels: int = 0
    stride: int = 1
    def setup(self):
        self.conv1 = conv3x3(self.in_channels, self.out_channels, self.stride)
        # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': 'praxis.layers.BatchNorm' implies eps=0.001, not the default 1e-05
        self.bn1 = nn.BatchNorm2d(self.out_channels)
        self.conv2 = conv3x3(self.out_channels, self.out_channels)
        # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': 'praxis.layers.BatchNorm' implies eps=0.001, not the default 1e-05
        self.bn2 = nn.BatchNorm2d(self.out_channels)
        self.shortcut = lambda x: x
        if self.stride != 1 or self.in_channels != self.out_channels:
            # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': 'praxis.layers.BatchNorm' implies eps=0.001, not the default 1e-05
            self.shortcut = pl.Sequential(
                layers=[pl.Conv2D(filter_shape=(1, 1, self.in_channels, self.out_channels), filter_stride=(self.stride, self.stride) if isinstance(self.stride, int) else self.stride, padding='VALID', bias=False), nn.BatchNorm2d(self.out_channels)],
            )

    def __call__(self, x: jax.Array) -> jax.Array:
        out = jax.nn.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return jax.nn.relu(out + self.shortcut(x))

