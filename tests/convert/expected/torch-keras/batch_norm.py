"""Convolution, batch normalization, ReLU: the usual stem block."""
import torch.nn as nn
import keras


class ConvBNReLU(keras.Model):
    def __init__(self, in_channels: int, out_channels: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'keras': value 1 of 'padding' has no equivalent in 'keras.layers.Conv2D'
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False)
        self.bn = keras.layers.BatchNormalization(input_shape=(None, None, out_channels), epsilon=1e-05, momentum=0.9)
        self.relu = keras.layers.ReLU()

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.relu(self.bn(self.conv(x)))
