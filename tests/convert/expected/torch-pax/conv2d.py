"""A small convolutional feature extractor."""
import torch.nn as nn
import jax


class ConvNet(nn.Module):
    def __init__(self, in_channels: int = 3, width: int = 16):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv1 = nn.Conv2d(in_channels, width, kernel_size=3, padding=1)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out) and filter_stride as hyper-parameter fields: Praxis layers are not converted yet
        self.conv2 = nn.Conv2d(width, width * 2, kernel_size=3, stride=2, padding=1, bias=False)

    def forward(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.conv1(x))
        return jax.nn.relu(self.conv2(x))
