"""Dropout on the input features, then a projection."""
import keras


class DropoutProjection(keras.Model):
    def __init__(self, dim: int, rate: float = 0.5):
        super().__init__()
        self.drop = keras.layers.Dropout(rate=rate)
        self.proj = keras.layers.Dense(dim, input_dim=dim)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return self.proj(self.drop(x))
