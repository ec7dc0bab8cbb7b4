"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import jax
import jax.numpy as jnp
from flax import nnx


class StatefulHead(nnx.Module):
    def __init__(self, d: int, *, rngs: nnx.Rngs):
        self.proj = nnx.Linear(d, d, rngs=rngs)
        self.scale = nnx.BatchStat(jnp.linspace(0.5, 1.5, d))
        self.shift = nnx.Param(jnp.zeros((d,)))
        self.gain = nnx.Param(jnp.ones((d,)))
        self.extras = nnx.List([nnx.Param(jnp.full((d,), 0.25)),
                                        nnx.Param(jnp.full((d,), -0.5))])
        self.heads = nnx.Dict({"left": nnx.Linear(d, d, rngs=rngs), "right": nnx.Linear(d, d, rngs=rngs)})
        self.running = nnx.BatchStat(jnp.zeros((d,)))
        self.seen = nnx.BatchStat(jnp.ones((d,)))
        self.calls = nnx.Variable(0)

    def __call__(self, x: jax.Array) -> jax.Array:
        self.calls.value += 1
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        self.running.value = self.running.value * 0.9 + h.mean(0) * 0.1
        self.seen.value = jnp.add(jnp.multiply(self.seen.value, 0.5), h.mean(0))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls.value + self.running.value + self.seen.value
