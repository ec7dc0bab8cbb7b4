"""A ResNet basic block with an optional projection shortcut."""
import torch.nn as nn
import jax
from praxis import base_layer


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> nn.Conv2d:
    # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
    return nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(base_layer.BaseLayer):
    in_channels: int = 0
    out_channels: int = 0
    stride: int = 1
    def setup(self):
        self.conv1 = conv3x3(self.in_channels, self.out_channels, self.stride)
        # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': praxis.layers.BatchNorm has no epsilon field (and its decay is 1 - momentum): not converted yet
        self.bn1 = nn.BatchNorm2d(self.out_channels)
        self.conv2 = conv3x3(self.out_channels, self.out_channels)
        # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': praxis.layers.BatchNorm has no epsilon field (and its decay is 1 - momentum): not converted yet
        self.bn2 = nn.BatchNorm2d(self.out_channels)
        # switcheroo: cannot convert 'torch.nn.Sequential' to 'paxml': praxis.layers.Sequential takes its layers as one list of templates: not converted yet
        self.shortcut = nn.Sequential()
        if self.stride != 1 or self.in_channels != self.out_channels:
            # switcheroo: cannot convert 'torch.nn.Sequential' to 'paxml': praxis.layers.Sequential takes its layers as one list of templates: not converted yet
            # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
            # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': praxis.layers.BatchNorm has no epsilon field (and its decay is 1 - momentum): not converted yet
            self.shortcut = nn.Sequential(
                nn.Conv2d(self.in_channels, self.out_channels, kernel_size=1, stride=self.stride, bias=False),
                nn.BatchNorm2d(self.out_channels),
            )

    def __call__(self, x: jax.Array) -> jax.Array:
        out = jax.nn.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return jax.nn.relu(out + self.shortcut(x))

