"""Convolution, batch normalization, ReLU: the usual stem block."""
import keras


class ConvBNReLU(keras.Model):
    def __init__(self, in_channels: int, out_channels: int):
        super().__init__()
        self.conv = keras.layers.Conv2D(out_channels, 3, input_shape=(None, None, in_channels), padding='same', use_bias=False)
        self.bn = keras.layers.BatchNormalization(input_shape=(None, None, out_channels), epsilon=1e-05, momentum=0.9)
        self.relu = keras.layers.ReLU()

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.relu(self.bn(self.conv(x)))
