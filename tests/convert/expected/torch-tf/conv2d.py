"""A small convolutional feature extractor."""
import torch.nn as nn
import tensorflow as tf


class ConvNet(tf.keras.Model):
    def __init__(self, in_channels: int = 3, width: int = 16):
        super().__init__()
        self.conv1 = tf.keras.layers.Conv2D(width, 3, input_shape=(None, None, in_channels), padding='same')
        # switcheroo: cannot convert 'torch.nn.Conv2d' to 'tensorflow': value 1 of 'padding' has no equivalent in 'tensorflow.keras.layers.Conv2D'
        self.conv2 = nn.Conv2d(width, width * 2, kernel_size=3, stride=2, padding=1, bias=False)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        x = tf.nn.relu(self.conv1(x))
        return tf.nn.relu(self.conv2(x))
