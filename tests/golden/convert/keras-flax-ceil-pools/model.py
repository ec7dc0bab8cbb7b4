"""A -inf pad by stride - 1 before every call of a max pool is PyTorch's ceil_mode, which Flax
writes as the pool's padding: the pad call goes."""
import keras


class Stem(keras.Model):
    def __init__(self):
        super().__init__()
        self.pool = keras.layers.MaxPooling2D(pool_size=3, strides=2)

    def call(self, x):
        x = keras.ops.relu(x)
        return self.pool(keras.ops.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0)), constant_values=float("-inf")))
