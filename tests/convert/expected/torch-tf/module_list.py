"""Lists of layers: a residual stack built by a comprehension and run in a loop, and a list
written out, whose layers are called by index."""
import tensorflow as tf


class ResidualStack(tf.keras.Model):
    def __init__(self, features: int, depth: int, classes: int):
        super().__init__()
        self.blocks = [tf.keras.layers.Dense(features, input_dim=features) for _ in range(depth)]
        self.norms = [tf.keras.layers.LayerNormalization(input_dim=features, epsilon=1e-05), tf.keras.layers.LayerNormalization(input_dim=features, epsilon=1e-05)]
        self.head = tf.keras.layers.Dense(classes, input_dim=features)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        for block in self.blocks:
            x = x + tf.keras.activations.gelu(block(x))
        x = self.norms[0](x)
        return self.head(self.norms[1](x))
