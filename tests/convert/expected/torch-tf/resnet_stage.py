"""A ResNet stage built by a method, as torchvision's ResNet builds its layers."""
import functools
import tensorflow as tf


class ConvBlock(tf.keras.Model):
    def __init__(self, channels: int, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = functools.partial(tf.keras.layers.BatchNormalization, epsilon=1e-05, momentum=0.9)
        self.conv = tf.keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same', use_bias=False)
        self.norm = norm_layer(channels)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return tf.nn.relu(x + self.norm(self.conv(x)))


class Stage(tf.keras.Model):
    def __init__(self, channels: int, blocks: int):
        super().__init__()
        self.stem_pad = tf.keras.layers.ZeroPadding2D(padding=3)
        self.stem = tf.keras.layers.Conv2D(channels, 7, input_shape=(None, None, 3), strides=2, padding='valid')
        self.blocks = self._make_blocks(channels, blocks)

    def _make_blocks(self, channels: int, count: int) -> tf.keras.Sequential:
        return tf.keras.Sequential([*[ConvBlock(channels) for _ in range(count)]])

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return self.blocks(self.stem(self.stem_pad(x)))
