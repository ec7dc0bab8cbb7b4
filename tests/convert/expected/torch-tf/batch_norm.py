"""Convolution, batch normalization, ReLU: the usual stem block."""
import tensorflow as tf


class ConvBNReLU(tf.keras.Model):
    def __init__(self, in_channels: int, out_channels: int):
        super().__init__()
        self.conv = tf.keras.layers.Conv2D(out_channels, 3, input_shape=(None, None, in_channels), padding='same', use_bias=False)
        self.bn = tf.keras.layers.BatchNormalization(input_shape=(None, None, out_channels), epsilon=1e-05, momentum=0.9)
        self.relu = tf.keras.layers.ReLU()

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return self.relu(self.bn(self.conv(x)))
