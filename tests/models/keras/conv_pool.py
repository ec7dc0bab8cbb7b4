"""Two 'same' convolutions with max pooling and a global average, channels last."""
import keras


class ConvPool(keras.Model):
    def __init__(self, channels: int, width: int = 8, classes: int = 4):
        super().__init__()
        self.conv1 = keras.layers.Conv2D(width, 3, padding="same", input_shape=(None, None, channels))
        self.pool = keras.layers.MaxPooling2D(pool_size=2)
        self.conv2 = keras.layers.Conv2D(width, 3, padding="same", use_bias=False,
                                         input_shape=(None, None, width))
        self.head = keras.layers.Dense(classes, input_dim=width)

    def call(self, x):
        x = self.pool(keras.ops.relu(self.conv1(x)))
        x = keras.ops.relu(self.conv2(x))
        x = keras.ops.mean(x, axis=(1, 2))
        return self.head(x)
