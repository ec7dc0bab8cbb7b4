"""Max pools after a pad with -inf at the end of H and W by stride - 1: PyTorch's ceil_mode."""
import tensorflow as tf


class CeilPools(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.edge = tf.keras.layers.MaxPooling2D(3, strides=2)
        self.uneven = tf.keras.layers.MaxPooling2D((4, 3), strides=(3, 2), padding="valid")
        # not ceil_mode: zeros, and widths other than stride - 1
        self.zeros = tf.keras.layers.MaxPooling2D(3, strides=2)
        self.wide = tf.keras.layers.MaxPooling2D(3, strides=2)

    def call(self, x):
        x = self.edge(tf.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0)), constant_values=float("-inf")))
        x = self.uneven(tf.pad(x, [[0, 0], [0, 2], [0, 1], [0, 0]], constant_values=-float("inf")))
        x = self.zeros(tf.pad(x, ((0, 0), (0, 1), (0, 1), (0, 0))))
        return self.wide(tf.pad(x, ((0, 0), (0, 2), (0, 2), (0, 0)), constant_values=float("-inf")))
