"""A small convolutional feature extractor."""
import torch.nn as nn
import jax
from praxis import base_layer


class ConvNet(base_layer.BaseLayer):
    in_channels: int = 3
    width: int = 16
    def setup(self):
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
        self.conv1 = nn.Conv2d(self.in_channels, self.width, kernel_size=3, padding=1)
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'paxml': praxis.layers.Conv2D takes filter_shape=(kh, kw, in, out), one tuple of the kernel size and both channel counts, which no spoke key writes yet
        self.conv2 = nn.Conv2d(self.width, self.width * 2, kernel_size=3, stride=2, padding=1, bias=False)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.conv1(x))
        return jax.nn.relu(self.conv2(x))
