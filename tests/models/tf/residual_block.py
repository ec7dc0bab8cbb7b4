"""A residual block: two 'same' convolutions with batch normalization and a skip connection."""
import tensorflow as tf


class ResidualBlock(tf.keras.Model):
    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = tf.keras.layers.Conv2D(channels, 3, padding="same", use_bias=False,
                                            input_shape=(None, None, channels))
        self.bn1 = tf.keras.layers.BatchNormalization(input_shape=(None, None, channels),
                                                      epsilon=1e-05)
        self.conv2 = tf.keras.layers.Conv2D(channels, 3, padding="same", use_bias=False,
                                            input_shape=(None, None, channels))
        self.bn2 = tf.keras.layers.BatchNormalization(input_shape=(None, None, channels),
                                                      epsilon=1e-05)

    def call(self, x: tf.Tensor, training=None) -> tf.Tensor:
        out = tf.nn.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return tf.nn.relu(out + x)
