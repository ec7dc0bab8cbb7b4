"""Module state in Flax NNX: an nnx.BatchStat buffer, nnx.Param attributes, an nnx.List of
parameters, an nnx.Dict of layers, and nnx.Variable state the call updates."""
from flax import nnx
import numpy as np


class StatefulHead(nnx.Module):
    def __init__(self, d: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.proj = nnx.Linear(d, d, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.BatchStat' to 'numpy'
        self.scale = nnx.BatchStat(np.linspace(0.5, 1.5, d))
        # switcheroo: no mapping for 'flax.nnx.Param' to 'numpy'
        self.shift = nnx.Param(np.zeros((d,)))
        # switcheroo: no mapping for 'flax.nnx.List' to 'numpy'
        # switcheroo: no mapping for 'flax.nnx.Param' to 'numpy'
        self.extras = nnx.List([nnx.Param(np.full((d,), 0.25)), nnx.Param(np.full((d,), -0.5))])
        # switcheroo: no mapping for 'flax.nnx.Dict' to 'numpy'
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.heads = nnx.Dict({"left": nnx.Linear(d, d, rngs=rngs), "right": nnx.Linear(d, d, rngs=rngs)})
        # switcheroo: no mapping for 'flax.nnx.Variable' to 'numpy'
        self.running = nnx.Variable(np.zeros((d,)))
        # switcheroo: no mapping for 'flax.nnx.Variable' to 'numpy'
        self.calls = nnx.Variable(0)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        self.calls.value += 1
        h = self.proj(x) * self.scale.value + self.shift.value
        h = h + self.extras[0] - self.extras[1]
        self.running.value = self.running.value * 0.9 + h.mean(0) * 0.1
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls.value + self.running.value
