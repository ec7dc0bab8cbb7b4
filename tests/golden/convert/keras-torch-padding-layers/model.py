"""ZeroPadding2D before a 'valid' convolution, as Keras users pad by a number, towards PyTorch."""
import keras


class Padded(keras.Model):
    def __init__(self, channels: int, pad: int = 1):
        super().__init__()
        # called only before its convolution: folded into the convolution's padding
        self.stem_pad = keras.layers.ZeroPadding2D(padding=3)
        self.stem = keras.layers.Conv2D(channels, 7, strides=2, padding='valid', input_shape=(None, None, 3))
        self.down_pad = keras.layers.ZeroPadding2D(pad)
        self.down = keras.layers.Conv2D(channels, 3, strides=2, input_shape=(None, None, channels))
        # kept as padding layers: one also called alone, one before a convolution that pads
        # 'same' itself, one before a dense layer
        self.shared_pad = keras.layers.ZeroPadding2D(padding=1)
        self.shared = keras.layers.Conv2D(channels, 3, padding='valid', input_shape=(None, None, channels))
        self.same_pad = keras.layers.ZeroPadding2D(padding=1)
        self.same = keras.layers.Conv2D(channels, 3, padding='same', input_shape=(None, None, channels))
        self.dense_pad = keras.layers.ZeroPadding2D(padding=1)
        self.dense = keras.layers.Dense(channels, input_dim=channels)

    def call(self, x):
        x = self.down(self.down_pad(self.stem(self.stem_pad(x))))
        x = self.shared(self.shared_pad(x)) + self.shared_pad(x)[:, 1:-1, 1:-1, :]
        return self.dense(self.dense_pad(self.same(self.same_pad(x))))
