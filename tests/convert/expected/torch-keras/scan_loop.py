"""Loops over a sequence that carry state: a running sum and an Elman RNN."""
import keras


def running_sum(x: keras.KerasTensor) -> keras.KerasTensor:
    total = keras.ops.zeros_like(x[0])
    rows = []
    for row in x:
        total = total + row
        rows.append(total)
    return keras.ops.stack(rows)


class ElmanRNN(keras.Model):
    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        self.input_proj = keras.layers.Dense(hidden_size, input_dim=input_size)
        self.recurrent = keras.layers.Dense(hidden_size, input_dim=hidden_size, use_bias=False)

    def call(self, xs: keras.KerasTensor) -> keras.KerasTensor:
        h = keras.ops.zeros((xs.shape[1], self.hidden_size))
        outputs = []
        for x in xs:
            h = keras.ops.tanh(self.input_proj(x) + self.recurrent(h))
            outputs.append(h)
        return keras.ops.stack(outputs)
