"""A ResNet basic block with an optional projection shortcut."""
import torch.nn as nn
import jax


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> nn.Conv2d:
    # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
    return nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.conv1 = conv3x3(in_channels, out_channels, stride)
        # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': praxis.layers.BatchNorm takes dim and decay (1 - momentum) as hyper-parameter fields: Praxis layers are not converted yet
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = conv3x3(out_channels, out_channels)
        # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': praxis.layers.BatchNorm takes dim and decay (1 - momentum) as hyper-parameter fields: Praxis layers are not converted yet
        self.bn2 = nn.BatchNorm2d(out_channels)
        # switcheroo: cannot convert 'torch.nn.Sequential' to 'paxml': praxis.layers.Sequential takes its layers as a list of templates: Praxis layers are not converted yet
        self.shortcut = nn.Sequential()
        if stride != 1 or in_channels != out_channels:
            # switcheroo: cannot convert 'torch.nn.Sequential' to 'paxml': praxis.layers.Sequential takes its layers as a list of templates: Praxis layers are not converted yet
            # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
            # switcheroo: cannot convert 'torch.nn.BatchNorm2d' to 'paxml': praxis.layers.BatchNorm takes dim and decay (1 - momentum) as hyper-parameter fields: Praxis layers are not converted yet
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x: jax.Array) -> jax.Array:
        out = jax.nn.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return jax.nn.relu(out + self.shortcut(x))

