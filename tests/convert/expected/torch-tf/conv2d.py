"""A small convolutional feature extractor."""
import tensorflow as tf


class ConvNet(tf.keras.Model):
    def __init__(self, in_channels: int = 3, width: int = 16):
        super().__init__()
        self.conv1 = tf.keras.layers.Conv2D(width, 3, input_shape=(None, None, in_channels), padding='same')
        self.conv2_pad = tf.keras.layers.ZeroPadding2D(padding=1)
        self.conv2 = tf.keras.layers.Conv2D(width * 2, 3, input_shape=(None, None, width), strides=2, padding='valid', use_bias=False)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        x = tf.nn.relu(self.conv1(x))
        return tf.nn.relu(self.conv2(self.conv2_pad(x)))
