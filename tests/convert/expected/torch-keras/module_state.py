"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import keras


class StatefulHead(keras.Model):
    def __init__(self, d: int):
        super().__init__()
        self.proj = keras.layers.Dense(d, input_dim=d)
        self.scale = keras.Variable(keras.ops.linspace(0.5, 1.5, d), trainable=False)
        self.shift = keras.Variable(keras.ops.zeros((d,)))
        self.gain = keras.Variable(keras.ops.ones((d,)))
        self.extras = [keras.Variable(keras.ops.full((d,), 0.25)),
                                        keras.Variable(keras.ops.full((d,), -0.5))]
        self.heads = {"left": keras.layers.Dense(d, input_dim=d), "right": keras.layers.Dense(d, input_dim=d)}
        self.running = keras.Variable(keras.ops.zeros((d,)), trainable=False)
        self.seen = keras.Variable(keras.ops.ones((d,)), trainable=False)
        self.calls = keras.Variable(0, trainable=False)

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        self.calls.assign_add(1)
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        self.running.assign(self.running * 0.9 + keras.ops.mean(h, 0) * 0.1)
        self.seen.assign(keras.ops.add(keras.ops.multiply(self.seen, 0.5), keras.ops.mean(h, 0)))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running + self.seen
