"""Convolutions that keep the spatial size: padding='same'."""
import keras


class SameConvBlock(keras.Model):
    def __init__(self, in_channels: int, width: int = 32):
        super().__init__()
        self.conv = keras.layers.Conv2D(width, 3, input_shape=(None, None, in_channels), padding='same')
        self.dilated = keras.layers.Conv2D(width, 3, input_shape=(None, None, width), padding='same', dilation_rate=2, use_bias=False)
        self.wide = keras.layers.Conv2D(width, (1, 5), input_shape=(None, None, width), padding='same')

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        x = keras.ops.relu(self.conv(x))
        x = keras.ops.relu(self.dilated(x))
        return x + self.wide(x)
