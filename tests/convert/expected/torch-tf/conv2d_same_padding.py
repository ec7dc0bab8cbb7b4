"""Convolutions that keep the spatial size: padding='same'."""
import tensorflow as tf


class SameConvBlock(tf.keras.Model):
    def __init__(self, in_channels: int, width: int = 32):
        super().__init__()
        self.conv = tf.keras.layers.Conv2D(width, 3, input_shape=(None, None, in_channels), padding='same')
        self.dilated = tf.keras.layers.Conv2D(width, 3, input_shape=(None, None, width), padding='same', dilation_rate=2, use_bias=False)
        self.wide = tf.keras.layers.Conv2D(width, (1, 5), input_shape=(None, None, width), padding='same')

    def call(self, x: tf.Tensor) -> tf.Tensor:
        x = tf.nn.relu(self.conv(x))
        x = tf.nn.relu(self.dilated(x))
        return x + self.wide(x)
