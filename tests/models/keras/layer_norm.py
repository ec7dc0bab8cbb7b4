"""Pre-norm residual feed-forward block."""
import keras


class PreNormFeedForward(keras.Model):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.norm = keras.layers.LayerNormalization(epsilon=1e-05, input_dim=dim)
        self.up = keras.layers.Dense(hidden, input_dim=dim)
        self.down = keras.layers.Dense(dim, input_dim=hidden)

    def call(self, x):
        return x + self.down(keras.ops.gelu(self.up(self.norm(x)), approximate=False))
