"""A small convolutional feature extractor."""
import torch.nn as nn
import keras


class ConvNet(keras.Model):
    def __init__(self, in_channels: int = 3, width: int = 16):
        super().__init__()
        self.conv1 = keras.layers.Conv2D(width, 3, input_shape=(None, None, in_channels), padding='same')
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'keras': value 1 of 'padding' has no equivalent in 'keras.layers.Conv2D'
        self.conv2 = nn.Conv2d(width, width * 2, kernel_size=3, stride=2, padding=1, bias=False)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        x = keras.ops.relu(self.conv1(x))
        return keras.ops.relu(self.conv2(x))
