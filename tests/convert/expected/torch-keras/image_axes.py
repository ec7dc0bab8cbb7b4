"""Axis numbers written about images: they follow the converted model's layout."""
import keras


class SqueezeExcite(keras.Model):
    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        self.conv = keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        self.fc1 = keras.layers.Dense(channels // reduction, input_dim=channels)
        self.fc2 = keras.layers.Dense(channels, input_dim=channels // reduction)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        y = keras.ops.relu(self.conv(x))
        weights = keras.ops.mean(y, axis=(1, 2))
        weights = keras.ops.sigmoid(self.fc2(keras.ops.relu(self.fc1(weights))))
        return y * weights[:, None, None, :]


class TwoBranch(keras.Model):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        self.left = keras.layers.Conv2D(channels, 1, input_shape=(None, None, channels))
        self.right = keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        self.pool = keras.layers.MaxPooling2D(2)
        self.head = keras.layers.Dense(classes, input_dim=2 * channels)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        both = keras.ops.concatenate([self.left(x), self.right(x)], axis=3)
        both = self.pool(both)
        channels = both.shape[3]
        scores = keras.ops.softmax(both, axis=3)
        tokens = keras.ops.reshape(scores, keras.ops.shape(scores)[:1] + (-1,) + keras.ops.shape(scores)[2 + 1:])
        peak = keras.ops.amax(scores, axis=(1, 2))
        assert tokens.shape[-1] == channels
        return self.head(keras.ops.mean(tokens, axis=1)) + keras.ops.sum(peak)


class Head(keras.Model):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        self.conv = keras.layers.Conv2D(channels, 3, input_shape=(None, None, 3), padding='same')
        self.fc = keras.layers.Dense(classes, input_dim=channels * 8 * 8)

    def call(self, images: keras.KerasTensor) -> keras.KerasTensor:
        features = keras.ops.relu(self.conv(images))
        first_row = keras.ops.transpose(features, (0, 3, 1, 2))[:, :, 0]
        return self.fc(keras.ops.reshape(features, (features.shape[0], -1))) + keras.ops.sum(first_row)


def channel_shuffle(x: keras.KerasTensor, groups: int) -> keras.KerasTensor:
    batch, channels, height, width = x.shape
    x = keras.ops.reshape(x, (batch, groups, channels // groups, height, width))
    return keras.ops.reshape(keras.ops.swapaxes(x, 1, 2), (batch, channels, height, width))


class ShuffleBlock(keras.Model):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = keras.layers.Conv2D(channels, 1, input_shape=(None, None, channels))

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return keras.ops.transpose(channel_shuffle(keras.ops.transpose(keras.ops.relu(self.conv(x)), (0, 3, 1, 2)), 2), (0, 2, 3, 1))
