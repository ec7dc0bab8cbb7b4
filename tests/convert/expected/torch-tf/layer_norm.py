"""Pre-norm residual feed-forward block."""
import tensorflow as tf


class PreNormFeedForward(tf.keras.Model):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.norm = tf.keras.layers.LayerNormalization(input_dim=dim, epsilon=1e-05)
        self.up = tf.keras.layers.Dense(hidden, input_dim=dim)
        self.down = tf.keras.layers.Dense(dim, input_dim=hidden)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return x + self.down(tf.math.tanh(self.up(self.norm(x))))
