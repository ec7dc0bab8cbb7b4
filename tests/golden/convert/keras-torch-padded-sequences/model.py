"""A keras.Sequential of a ZeroPadding2D and a 'valid' convolution, towards PyTorch."""
import keras


def conv3x3(in_channels: int, channels: int, stride: int = 1):
    # folded: the convolution alone, padding=1
    return keras.Sequential([keras.layers.ZeroPadding2D(padding=1), keras.layers.Conv2D(channels, 3, strides=stride, padding='valid', use_bias=False, input_shape=(None, None, in_channels))])


class Stem(keras.Model):
    def __init__(self, channels: int, pad: int = 2):
        super().__init__()
        self.conv = conv3x3(3, channels, 2)
        # folded inside a Sequential, a padding held in a name too
        self.body = keras.Sequential([
            keras.Sequential([keras.layers.ZeroPadding2D(pad), keras.layers.Conv2D(channels, 5, input_shape=(None, None, channels))]),
            keras.layers.ReLU(),
        ])
        # kept: a convolution that pads 'same' itself, a third layer, and a convolution
        # that does not convert (its Sequential stays, with its padding layer)
        self.same = keras.Sequential([keras.layers.ZeroPadding2D(padding=1), keras.layers.Conv2D(channels, 3, padding='same', input_shape=(None, None, channels))])
        self.three = keras.Sequential([keras.layers.ZeroPadding2D(padding=1), keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels)), keras.layers.ReLU()])
        self.grouped = keras.Sequential([keras.layers.ZeroPadding2D(padding=1), keras.layers.Conv2D(channels, 3)])

    def call(self, x):
        return self.grouped(self.three(self.same(self.body(self.conv(x)))))
