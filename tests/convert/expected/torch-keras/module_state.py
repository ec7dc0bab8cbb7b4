"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import torch.nn as nn
import keras


class StatefulHead(keras.Model):
    def __init__(self, d: int):
        super().__init__()
        self.proj = keras.layers.Dense(d, input_dim=d)
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'keras'
        self.register_buffer("scale", keras.ops.linspace(0.5, 1.5, d))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'keras'
        self.shift = nn.Parameter(keras.ops.zeros((d,)))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'keras'
        self.gain = nn.Parameter(keras.ops.ones((d,)))
        # switcheroo: no mapping for 'torch.nn.ParameterList' to 'keras'
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'keras'
        self.extras = nn.ParameterList([nn.Parameter(keras.ops.full((d,), 0.25)),
                                        nn.Parameter(keras.ops.full((d,), -0.5))])
        # switcheroo: no mapping for 'torch.nn.ModuleDict' to 'keras'
        self.heads = nn.ModuleDict({"left": keras.layers.Dense(d, input_dim=d), "right": keras.layers.Dense(d, input_dim=d)})
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'keras'
        self.register_buffer("running", keras.ops.zeros((d,)))
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'keras'
        self.register_buffer("seen", keras.ops.ones((d,)))
        self.calls = 0

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        # switcheroo: module attribute 'calls' is updated in the forward pass: 'keras' has no module state for it
        self.calls += 1
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        # switcheroo: module attribute 'running' is updated in the forward pass: 'keras' has no module state for it
        self.running = self.running * 0.9 + keras.ops.mean(h, 0) * 0.1
        # switcheroo: 'self.seen' is an attribute updated in place: it cannot be rebound here
        # switcheroo: module attribute 'seen' is updated in the forward pass: 'keras' has no module state for it
        self.seen.mul_(0.5).add_(keras.ops.mean(h, 0))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running + self.seen
