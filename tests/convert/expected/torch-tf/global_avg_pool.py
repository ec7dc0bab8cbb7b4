"""Global average pooling before a classifier head."""
import functools
import tensorflow as tf


class PooledClassifier(tf.keras.Model):
    def __init__(self, in_channels: int, width: int, num_classes: int):
        super().__init__()
        self.conv = tf.keras.layers.Conv2D(width, 3, input_shape=(None, None, in_channels), padding='same')
        self.reduce = tf.keras.layers.Conv2D(width, 1, input_shape=(None, None, width), strides=1, padding='valid', use_bias=False)
        self.pool = functools.partial(tf.reduce_mean, axis=(1, 2), keepdims=True)
        self.head = tf.keras.layers.Dense(num_classes, input_dim=width)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        x = self.pool(self.reduce(tf.nn.relu(self.conv(x))))
        return self.head(tf.reshape(x, (tf.shape(x)[0], -1)))


def global_pool(x: tf.Tensor) -> tf.Tensor:
    return tf.reduce_mean(x, axis=(1, 2), keepdims=True)


def pooled_per_axis(x: tf.Tensor) -> tf.Tensor:
    return tf.reduce_mean(x, axis=(1, 2), keepdims=True)


def channel_means(x: tf.Tensor) -> tf.Tensor:
    return tf.reduce_mean(x, axis=(2, 3))
