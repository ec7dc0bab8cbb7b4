"""Channels-last convolutions with batch and group normalization as Praxis layers: each
convolution packs its kernel size and both channel counts into filter_shape."""
from praxis import base_layer
import torch
from torch import nn

JTensor = base_layer.JTensor


class ConvNormBlock(nn.Module):

    def __init__(self, in_channels: int = 3, width: int = 4, groups: int = 2) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels=in_channels, out_channels=width, kernel_size=3, stride=1, padding='same', bias=True)
        self.norm = nn.BatchNorm2d(num_features=width, eps=0.001, momentum=0.1, affine=True)
        self.mix = nn.Conv2d(in_channels=width, out_channels=width, kernel_size=1, stride=1, padding='valid', bias=False)
        self.group_norm = nn.GroupNorm(num_groups=groups, num_channels=width, eps=0.001)

    def forward(self, images: JTensor) -> JTensor:
        features = torch.relu(self.norm(self.conv(images)))
        return self.group_norm(self.mix(features))
