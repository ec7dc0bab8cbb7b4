"""Channels-last convolution, batch normalization and pooling with Praxis layers."""
import jax.numpy as jnp
from praxis import base_layer, layers as pl, pax_fiddle

JTensor = base_layer.JTensor


class ConvBlock(base_layer.BaseLayer):
    in_channels: int = 3
    width: int = 4

    def setup(self) -> None:
        self.create_child("conv", pax_fiddle.Config(
            pl.Conv2D, filter_shape=(3, 3, self.in_channels, self.width), filter_stride=(1, 1)))
        self.create_child("norm", pax_fiddle.Config(pl.BatchNorm, dim=self.width))
        self.create_child("pool", pax_fiddle.Config(
            pl.Pooling, window_shape=(2, 2), window_stride=(2, 2), pooling_type="MAX"))

    def __call__(self, images: JTensor) -> JTensor:
        features = jnp.maximum(self.norm(self.conv(images)), 0.0)
        pooled, _ = self.pool(features)
        return pooled


def global_average(images: JTensor) -> JTensor:
    return jnp.mean(images, axis=(1, 2), keepdims=True)


def flatten_features(images: JTensor) -> JTensor:
    return jnp.reshape(images, (images.shape[0], -1))
