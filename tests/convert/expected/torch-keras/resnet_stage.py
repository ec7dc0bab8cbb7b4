"""A ResNet stage built by a method, as torchvision's ResNet builds its layers."""
import functools
import keras


class ConvBlock(keras.Model):
    def __init__(self, channels: int, norm_layer=None):
        super().__init__()
        if norm_layer is None:
            norm_layer = functools.partial(keras.layers.BatchNormalization, epsilon=1e-05, momentum=0.9)
        self.conv = keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same', use_bias=False)
        self.norm = norm_layer(channels)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return keras.ops.relu(x + self.norm(self.conv(x)))


class Stage(keras.Model):
    def __init__(self, channels: int, blocks: int):
        super().__init__()
        self.stem_pad = keras.layers.ZeroPadding2D(padding=3)
        self.stem = keras.layers.Conv2D(channels, 7, input_shape=(None, None, 3), strides=2, padding='valid')
        self.blocks = self._make_blocks(channels, blocks)

    def _make_blocks(self, channels: int, count: int) -> keras.Sequential:
        return keras.Sequential([*[ConvBlock(channels) for _ in range(count)]])

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.blocks(self.stem(self.stem_pad(x)))
