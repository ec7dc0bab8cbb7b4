"""Global average pooling before a classifier head."""
import functools
import keras


class PooledClassifier(keras.Model):
    def __init__(self, in_channels: int, width: int, num_classes: int):
        super().__init__()
        self.conv = keras.layers.Conv2D(width, 3, input_shape=(None, None, in_channels), padding='same')
        self.reduce = keras.layers.Conv2D(width, 1, input_shape=(None, None, width), strides=1, padding='valid', use_bias=False)
        self.pool = functools.partial(keras.ops.mean, axis=(1, 2), keepdims=True)
        self.head = keras.layers.Dense(num_classes, input_dim=width)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        x = self.pool(self.reduce(keras.ops.relu(self.conv(x))))
        return self.head(keras.ops.reshape(x, keras.ops.shape(x)[:1] + (-1,)))


def global_pool(x: keras.KerasTensor) -> keras.KerasTensor:
    return keras.ops.mean(x, axis=(1, 2), keepdims=True)


def pooled_per_axis(x: keras.KerasTensor) -> keras.KerasTensor:
    return keras.ops.mean(x, axis=(1, 2), keepdims=True)


def channel_means(x: keras.KerasTensor) -> keras.KerasTensor:
    return keras.ops.mean(x, axis=(2, 3))
