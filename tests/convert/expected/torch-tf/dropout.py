"""Dropout on the input features, then a projection."""
import tensorflow as tf


class DropoutProjection(tf.keras.Model):
    def __init__(self, dim: int, rate: float = 0.5):
        super().__init__()
        self.drop = tf.keras.layers.Dropout(rate=rate)
        self.proj = tf.keras.layers.Dense(dim, input_dim=dim)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return self.proj(self.drop(x))
