"""A residual block: two 'same' convolutions with batch normalization and a skip connection."""
import keras


class ResidualBlock(keras.Model):
    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = keras.layers.Conv2D(channels, 3, padding="same", use_bias=False,
                                         input_shape=(None, None, channels))
        self.bn1 = keras.layers.BatchNormalization(input_shape=(None, None, channels),
                                                   epsilon=1e-05)
        self.conv2 = keras.layers.Conv2D(channels, 3, padding="same", use_bias=False,
                                         input_shape=(None, None, channels))
        self.bn2 = keras.layers.BatchNormalization(input_shape=(None, None, channels),
                                                   epsilon=1e-05)

    def call(self, x, training=None):
        out = keras.ops.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return keras.ops.relu(out + x)
