"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import torch
import torch.nn as nn
import tensorflow as tf


class StatefulHead(tf.keras.Model):
    def __init__(self, d: int):
        super().__init__()
        self.proj = tf.keras.layers.Dense(d, input_dim=d)
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'tensorflow'
        # switcheroo: no mapping for 'torch.linspace' to 'tensorflow'
        self.register_buffer("scale", torch.linspace(0.5, 1.5, d))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'tensorflow'
        self.shift = nn.Parameter(tf.zeros((d,)))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'tensorflow'
        self.gain = nn.Parameter(tf.ones((d,)))
        # switcheroo: no mapping for 'torch.nn.ParameterList' to 'tensorflow'
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'tensorflow'
        # switcheroo: no mapping for 'torch.full' to 'tensorflow'
        self.extras = nn.ParameterList([nn.Parameter(torch.full((d,), 0.25)),
                                        nn.Parameter(torch.full((d,), -0.5))])
        # switcheroo: no mapping for 'torch.nn.ModuleDict' to 'tensorflow'
        self.heads = nn.ModuleDict({"left": tf.keras.layers.Dense(d, input_dim=d), "right": tf.keras.layers.Dense(d, input_dim=d)})
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'tensorflow'
        self.register_buffer("running", tf.zeros((d,)))
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'tensorflow'
        self.register_buffer("seen", tf.ones((d,)))
        self.calls = 0

    def call(self, x: tf.Tensor) -> tf.Tensor:
        # switcheroo: module attribute 'calls' is updated in the forward pass: 'tensorflow' has no module state for it
        self.calls += 1
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        # switcheroo: module attribute 'running' is updated in the forward pass: 'tensorflow' has no module state for it
        self.running = self.running * 0.9 + tf.reduce_mean(h, 0) * 0.1
        # switcheroo: 'self.seen' is an attribute updated in place: it cannot be rebound here
        # switcheroo: module attribute 'seen' is updated in the forward pass: 'tensorflow' has no module state for it
        self.seen.mul_(0.5).add_(tf.reduce_mean(h, 0))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running + self.seen
