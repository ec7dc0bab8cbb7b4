"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import torch
import tensorflow as tf


class StatefulHead(tf.keras.Model):
    def __init__(self, d: int):
        super().__init__()
        self.proj = tf.keras.layers.Dense(d, input_dim=d)
        # switcheroo: no mapping for 'torch.linspace' to 'tensorflow'
        self.scale = tf.Variable(torch.linspace(0.5, 1.5, d), trainable=False)
        self.shift = tf.Variable(tf.zeros((d,)))
        self.gain = tf.Variable(tf.ones((d,)))
        # switcheroo: no mapping for 'torch.full' to 'tensorflow'
        self.extras = [tf.Variable(torch.full((d,), 0.25)),
                                        tf.Variable(torch.full((d,), -0.5))]
        self.heads = {"left": tf.keras.layers.Dense(d, input_dim=d), "right": tf.keras.layers.Dense(d, input_dim=d)}
        self.running = tf.Variable(tf.zeros((d,)), trainable=False)
        self.seen = tf.Variable(tf.ones((d,)), trainable=False)
        self.calls = tf.Variable(0, trainable=False)

    def call(self, x: tf.Tensor) -> tf.Tensor:
        self.calls.assign_add(1)
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        self.running.assign(self.running * 0.9 + tf.reduce_mean(h, 0) * 0.1)
        self.seen.assign(tf.math.add(tf.math.multiply(self.seen, 0.5), tf.reduce_mean(h, 0)))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running + self.seen
