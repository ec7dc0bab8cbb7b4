"""Axis numbers written about images: they follow the converted model's layout."""
import tensorflow as tf


class SqueezeExcite(tf.keras.Model):
    def __init__(self, channels: int, reduction: int = 4):
        super().__init__()
        self.conv = tf.keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        self.fc1 = tf.keras.layers.Dense(channels // reduction, input_dim=channels)
        self.fc2 = tf.keras.layers.Dense(channels, input_dim=channels // reduction)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        y = tf.nn.relu(self.conv(x))
        weights = tf.reduce_mean(y, axis=(1, 2))
        weights = tf.math.sigmoid(self.fc2(tf.nn.relu(self.fc1(weights))))
        return y * weights[:, None, None, :]


class TwoBranch(tf.keras.Model):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        self.left = tf.keras.layers.Conv2D(channels, 1, input_shape=(None, None, channels))
        self.right = tf.keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        self.pool = tf.keras.layers.MaxPooling2D(2)
        self.head = tf.keras.layers.Dense(classes, input_dim=2 * channels)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        both = tf.concat([self.left(x), self.right(x)], axis=3)
        both = self.pool(both)
        channels = both.shape[3]
        scores = tf.nn.softmax(both, axis=3)
        tokens = tf.reshape(scores, [tf.shape(scores)[i] for i in range(len(scores.shape))[:1]] + [-1] + [tf.shape(scores)[i] for i in range(len(scores.shape))[2:][1:]])
        peak = tf.math.reduce_max(scores, axis=(1, 2))
        assert tokens.shape[-1] == channels
        return self.head(tf.reduce_mean(tokens, axis=1)) + tf.reduce_sum(peak)


class Head(tf.keras.Model):
    def __init__(self, channels: int, classes: int):
        super().__init__()
        self.conv = tf.keras.layers.Conv2D(channels, 3, input_shape=(None, None, 3), padding='same')
        self.fc = tf.keras.layers.Dense(classes, input_dim=channels * 8 * 8)

    def call(self, images: tf.Tensor) -> tf.Tensor:
        features = tf.nn.relu(self.conv(images))
        first_row = tf.transpose(features, (0, 3, 1, 2))[:, :, 0]
        return self.fc(tf.reshape(features, (features.shape[0], -1))) + tf.reduce_sum(first_row)


def channel_shuffle(x: tf.Tensor, groups: int) -> tf.Tensor:
    batch, channels, height, width = x.shape
    x = tf.reshape(x, (batch, groups, channels // groups, height, width))
    return tf.reshape((lambda x, a, b: tf.transpose(x, perm=(lambda n: [b % n if d == a % n else a % n if d == b % n else d for d in range(n)])(len(x.shape))))(x, 1, 2), (batch, channels, height, width))


class ShuffleBlock(tf.keras.Model):
    def __init__(self, channels: int):
        super().__init__()
        self.conv = tf.keras.layers.Conv2D(channels, 1, input_shape=(None, None, channels))

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return tf.transpose(channel_shuffle(tf.transpose(tf.nn.relu(self.conv(x)), (0, 3, 1, 2)), 2), (0, 2, 3, 1))
