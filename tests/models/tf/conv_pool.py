"""Two 'same' convolutions with max pooling and a global average, NHWC."""
import tensorflow as tf


class ConvPool(tf.keras.Model):
    def __init__(self, channels: int, width: int = 8, classes: int = 4):
        super().__init__()
        self.conv1 = tf.keras.layers.Conv2D(width, 3, padding="same", input_shape=(None, None, channels))
        self.pool = tf.keras.layers.MaxPooling2D(pool_size=2)
        self.conv2 = tf.keras.layers.Conv2D(width, 3, padding="same", use_bias=False,
                                            input_shape=(None, None, width))
        self.head = tf.keras.layers.Dense(classes, input_dim=width)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        x = self.pool(tf.nn.relu(self.conv1(x)))
        x = tf.nn.relu(self.conv2(x))
        x = tf.reduce_mean(x, axis=(1, 2))
        return self.head(x)
