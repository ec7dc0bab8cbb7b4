"""Pre-norm residual feed-forward block."""
import keras


class PreNormFeedForward(keras.Model):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.norm = keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)
        self.up = keras.layers.Dense(hidden, input_dim=dim)
        self.down = keras.layers.Dense(dim, input_dim=hidden)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        return x + self.down(keras.ops.tanh(self.up(self.norm(x))))
