"""A ResNet basic block with an optional projection shortcut."""
import tensorflow as tf


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> tf.keras.layers.Conv2D:
    return tf.keras.Sequential([tf.keras.layers.ZeroPadding2D(padding=1), tf.keras.layers.Conv2D(out_channels, 3, input_shape=(None, None, in_channels), strides=stride, padding='valid', use_bias=False)])


class BasicBlock(tf.keras.Model):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1):
        super().__init__()
        self.conv1 = conv3x3(in_channels, out_channels, stride)
        self.bn1 = tf.keras.layers.BatchNormalization(input_shape=(None, None, out_channels), epsilon=1e-05, momentum=0.9)
        self.conv2 = conv3x3(out_channels, out_channels)
        self.bn2 = tf.keras.layers.BatchNormalization(input_shape=(None, None, out_channels), epsilon=1e-05, momentum=0.9)
        self.shortcut = tf.keras.Sequential([])
        if stride != 1 or in_channels != out_channels:
            self.shortcut = tf.keras.Sequential(
                [tf.keras.layers.Conv2D(out_channels, 1, input_shape=(None, None, in_channels), strides=stride, use_bias=False), tf.keras.layers.BatchNormalization(input_shape=(None, None, out_channels), epsilon=1e-05, momentum=0.9)],
            )

    def call(self, x: tf.Tensor) -> tf.Tensor:
        out = tf.nn.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return tf.nn.relu(out + self.shortcut(x))

