"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import tensorflow as tf


class GeluBlock(tf.keras.Model):
    def __init__(self, dim: int):
        super().__init__()
        self.fc = tf.keras.layers.Dense(dim, input_dim=dim)
        self.act = tf.keras.layers.Activation(activation='gelu')

    def call(self, x: tf.Tensor) -> tf.Tensor:
        return self.act(self.fc(x)) + tf.keras.activations.gelu(x, approximate=True)
