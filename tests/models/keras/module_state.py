"""Module state as Keras users write it: variables assigned to a layer's attributes (weights,
and state that is not trained with trainable=False, updated by assign), and sub-layers and
variables kept in plain lists and dicts, which a Layer tracks."""
import keras


class GatedHeads(keras.Model):
    def __init__(self, dims: int, heads: int = 2):
        super().__init__()
        self.proj = keras.layers.Dense(dims, input_dim=dims)
        self.bias = keras.Variable(keras.ops.zeros((dims,)))
        self.scale = keras.Variable(keras.ops.linspace(0.5, 1.5, dims), trainable=False)
        self.mean = keras.Variable(keras.ops.zeros((dims,)), trainable=False)
        self.steps = keras.Variable(0, trainable=False)
        self.gates = [keras.Variable(keras.ops.full((dims,), 0.5)),
                      keras.Variable(keras.ops.full((dims,), 2.0))]
        self.heads = [keras.layers.Dense(dims, input_dim=dims) for _ in range(heads)]
        self.mixers = {"value": keras.layers.Dense(dims, input_dim=dims),
                       "gate": keras.layers.Dense(dims, input_dim=dims)}

    def call(self, x, training=None):
        self.steps.assign_add(1)
        h = self.proj(x) * self.scale + self.bias
        h = h * self.gates[0] + self.gates[1]
        for head in self.heads:
            h = h + head(h)
        self.mean.assign(self.mean * 0.9 + keras.ops.mean(h, 0) * 0.1)
        return self.mixers["value"](h) * keras.ops.sigmoid(self.mixers["gate"](h)) + self.mean
