"""Convolution followed by 2x2 max pooling, as a layer and as a function, then a 3x3 pool with
stride 2 that keeps the partial window at the edge (ceil_mode, as in GoogLeNet and SqueezeNet)."""
import tensorflow as tf


class ConvPool(tf.keras.Model):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = tf.keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        self.pool = tf.keras.layers.MaxPooling2D(pool_size=2)
        self.edge_pool = tf.keras.layers.MaxPooling2D(3, strides=2)
        self.max_pool2d = tf.keras.layers.MaxPooling2D(2, strides=1)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        x = self.pool(tf.nn.relu(self.conv(x)))
        x = self.max_pool2d(x)
        return self.edge_pool(tf.pad(x, paddings=((0, 0), (0, 1), (0, 1), (0, 0)), constant_values=float('-inf')))
