"""Module state as TensorFlow users write it: tf.Variable attributes of a tf.keras.Model
(weights, and state that is not trained with trainable=False, updated by assign), and
sub-layers and variables kept in plain lists and dicts, which the model tracks."""
import tensorflow as tf


class GatedHeads(tf.keras.Model):
    def __init__(self, dims: int, heads: int = 2):
        super().__init__()
        self.proj = tf.keras.layers.Dense(dims, input_dim=dims)
        self.bias = tf.Variable(tf.zeros((dims,)))
        self.scale = tf.Variable(tf.ones((dims,)) * 1.5, trainable=False)
        self.mean = tf.Variable(tf.zeros((dims,)), trainable=False)
        self.steps = tf.Variable(0, trainable=False)
        self.gates = [tf.Variable(tf.ones((dims,)) * 0.5), tf.Variable(tf.ones((dims,)) * 2.0)]
        self.heads = [tf.keras.layers.Dense(dims, input_dim=dims) for _ in range(heads)]
        self.mixers = {"value": tf.keras.layers.Dense(dims, input_dim=dims),
                       "gate": tf.keras.layers.Dense(dims, input_dim=dims)}

    def call(self, x: tf.Tensor, training=None) -> tf.Tensor:
        self.steps.assign_add(1)
        h = self.proj(x) * self.scale + self.bias
        h = h * self.gates[0] + self.gates[1]
        for head in self.heads:
            h = h + head(h)
        self.mean.assign(self.mean * 0.9 + tf.reduce_mean(h, 0) * 0.1)
        return self.mixers["value"](h) * tf.math.sigmoid(self.mixers["gate"](h)) + self.mean
