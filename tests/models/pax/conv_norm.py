"""Channels-last convolutions with batch and group normalization as Praxis layers: each
convolution packs its kernel size and both channel counts into filter_shape."""
import jax
from praxis import base_layer, layers as pl, pax_fiddle

JTensor = base_layer.JTensor


class ConvNormBlock(base_layer.BaseLayer):
    in_channels: int = 3
    width: int = 4
    groups: int = 2

    def setup(self) -> None:
        self.create_child("conv", pax_fiddle.Config(
            pl.Conv2D, filter_shape=(3, 3, self.in_channels, self.width), filter_stride=(1, 1),
            padding="SAME", bias=True))
        self.create_child("norm", pax_fiddle.Config(pl.BatchNorm, dim=self.width, decay=0.9))
        self.create_child("mix", pax_fiddle.Config(
            pl.Conv2D, filter_shape=(1, 1, self.width, self.width), filter_stride=(1, 1),
            padding="VALID"))
        self.create_child("group_norm", pax_fiddle.Config(
            pl.GroupNorm, dim=self.width, num_groups=self.groups, input_rank=4))

    def __call__(self, images: JTensor) -> JTensor:
        features = jax.nn.relu(self.norm(self.conv(images)))
        return self.group_norm(self.mix(features))
