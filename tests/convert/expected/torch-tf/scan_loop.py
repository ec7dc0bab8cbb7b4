"""Loops over a sequence that carry state: a running sum and an Elman RNN."""
import tensorflow as tf


def running_sum(x: tf.Tensor) -> tf.Tensor:
    total = tf.zeros_like(x[0])
    rows = []
    for row in x:
        total = total + row
        rows.append(total)
    return tf.stack(rows)


class ElmanRNN(tf.keras.Model):
    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        self.input_proj = tf.keras.layers.Dense(hidden_size, input_dim=input_size)
        self.recurrent = tf.keras.layers.Dense(hidden_size, input_dim=hidden_size, use_bias=False)

    def call(self, xs: tf.Tensor) -> tf.Tensor:
        h = tf.zeros((xs.shape[1], self.hidden_size))
        outputs = []
        for x in xs:
            h = tf.math.tanh(self.input_proj(x) + self.recurrent(h))
            outputs.append(h)
        return tf.stack(outputs)
