"""A small convolutional feature extractor."""
import keras


class ConvNet(keras.Model):
    def __init__(self, in_channels: int = 3, width: int = 16):
        super().__init__()
        self.conv1 = keras.layers.Conv2D(width, 3, input_shape=(None, None, in_channels), padding='same')
        self.conv2_pad = keras.layers.ZeroPadding2D(padding=1)
        self.conv2 = keras.layers.Conv2D(width * 2, 3, input_shape=(None, None, width), strides=2, padding='valid', use_bias=False)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        x = keras.ops.relu(self.conv1(x))
        return keras.ops.relu(self.conv2(self.conv2_pad(x)))
