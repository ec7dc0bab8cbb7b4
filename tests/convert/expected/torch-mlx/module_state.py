"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import mlx.core as mx
from mlx import nn


class StatefulHead(nn.Module):
    def __init__(self, d: int):
        super().__init__()
        self.proj = nn.Linear(d, d)
        self.scale = mx.linspace(0.5, 1.5, d)
        self.freeze(keys=['scale'], recurse=False)
        self.shift = mx.zeros((d,))
        self.gain = mx.ones((d,))
        self.extras = [mx.full((d,), 0.25),
                                        mx.full((d,), -0.5)]
        self.heads = {"left": nn.Linear(d, d), "right": nn.Linear(d, d)}
        self.running = mx.zeros((d,))
        self.freeze(keys=['running'], recurse=False)
        self.seen = mx.ones((d,))
        self.freeze(keys=['seen'], recurse=False)
        self.calls = 0

    def __call__(self, x: mx.array) -> mx.array:
        self.calls += 1
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        self.running = self.running * 0.9 + h.mean(0) * 0.1
        self.seen[...] = mx.add(mx.multiply(self.seen, 0.5), h.mean(0))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running + self.seen
