"""Channels-last convolution, batch normalization and pooling with Praxis layers."""
from praxis import base_layer, layers as pl, pax_fiddle
import torch
import torch.nn.functional as F
from torch import nn

JTensor = base_layer.JTensor


class ConvBlock(nn.Module):

    def __init__(self, in_channels: int = 3, width: int = 4) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels=in_channels, out_channels=width, kernel_size=3, stride=1, padding='same', bias=False)
        self.norm = nn.BatchNorm2d(num_features=width, eps=0.001, momentum=0.001, affine=True)
        # switcheroo: cannot convert 'praxis.layers.Pooling' to 'torch': padding='SAME' has no fixed padding width
        self.create_child("pool", pax_fiddle.Config(
            pl.Pooling, window_shape=(2, 2), window_stride=(2, 2), pooling_type="MAX"))

    def forward(self, images: JTensor) -> JTensor:
        features = torch.maximum(self.norm(self.conv(images)), torch.tensor(0.0))
        pooled, _ = self.pool(features)
        return pooled


def global_average(images: JTensor) -> JTensor:
    return F.adaptive_avg_pool2d(images, output_size=1)


def flatten_features(images: JTensor) -> JTensor:
    return torch.reshape(images, (images.shape[0], -1))
