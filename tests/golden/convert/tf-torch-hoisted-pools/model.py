"""Pools built for functional pools (golden torch-tf-hoisted-pools) read back: each stays
a PyTorch pool layer, built in __init__ and called where the function was."""
import tensorflow as tf


class Downsample(tf.keras.Model):
    def __init__(self, channels: int):
        super().__init__()
        self.proj = tf.keras.layers.Conv2D(2 * channels, 1, input_shape=(None, None, channels))
        self.avg_pool2d = tf.keras.layers.AveragePooling2D(pool_size=2, strides=2)
        self.max_pool2d = tf.keras.layers.MaxPooling2D(2, strides=2)

    def shrink(self, x: tf.Tensor) -> tf.Tensor:
        return self.avg_pool2d(x)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return self.proj(self.shrink(x)) + self.max_pool2d(self.proj(x))
