"""Max pools after a pad with -inf at the end of H and W by stride - 1: PyTorch's ceil_mode."""
import keras


class CeilPools(keras.Model):
    def __init__(self):
        super().__init__()
        self.edge = keras.layers.MaxPooling2D(3, strides=2)
        self.uneven = keras.layers.MaxPooling2D((4, 3), strides=(3, 2), padding="valid")
        # not ceil_mode: zeros, and widths other than stride - 1
        self.zeros = keras.layers.MaxPooling2D(3, strides=2)
        self.wide = keras.layers.MaxPooling2D(3, strides=2)

    def call(self, x):
        x = self.edge(keras.ops.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0)), constant_values=float("-inf")))
        x = self.uneven(keras.ops.pad(x, [[0, 0], [0, 2], [0, 1], [0, 0]], constant_values=-float("inf")))
        x = self.zeros(keras.ops.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0))))
        return self.wide(keras.ops.pad(x, ((0, 0), (0, 2), (0, 2), (0, 0)), constant_values=float("-inf")))
