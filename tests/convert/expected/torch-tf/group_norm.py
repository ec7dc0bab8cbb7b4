"""Group normalization: a residual block of a diffusion U-Net, and the same by hand."""
import tensorflow as tf


class GroupNormBlock(tf.keras.Model):
    def __init__(self, channels: int, groups: int = 8):
        super().__init__()
        self.norm1 = tf.keras.layers.GroupNormalization(groups=groups, input_shape=(None, None, channels), epsilon=1e-05)
        self.conv1 = tf.keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        self.norm2 = tf.keras.layers.GroupNormalization(groups=groups, input_shape=(None, None, channels), epsilon=1e-6, center=False, scale=False)
        self.conv2 = tf.keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')

    def call(self, x: tf.Tensor) -> tf.Tensor:
        h = self.conv1(tf.keras.activations.silu(self.norm1(x)))
        h = self.conv2(tf.keras.activations.silu(self.norm2(h)))
        return x + h


def group_norm(x: tf.Tensor, groups: int, eps: float = 1e-5) -> tf.Tensor:
    n, c, h, w = x.shape
    grouped = tf.reshape(x, (n, groups, -1))
    mean = tf.reduce_mean(grouped, axis=-1, keepdims=True)
    var = tf.math.reduce_variance(grouped, axis=-1, keepdims=True)
    return tf.reshape(((grouped - mean) / tf.math.sqrt(var + eps)), (n, c, h, w))
