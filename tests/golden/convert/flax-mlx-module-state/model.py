"""Flax NNX state towards MLX: an nnx.BatchStat and an nnx.Variable holding an array become
array members the module freezes, an nnx.Variable holding a counter a plain attribute, and an
nnx.Param an array member."""
import jax
import jax.numpy as jnp
from flax import nnx


class Tracker(nnx.Module):
    def __init__(self, d: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(d, d, rngs=rngs)
        self.mean = nnx.BatchStat(jnp.zeros(d))
        self.last = nnx.Variable(jnp.zeros(d))
        self.gain = nnx.Param(jnp.ones(d))
        self.count = nnx.Variable(0)

    def __call__(self, x: jax.Array) -> jax.Array:
        self.count.value += 1
        self.last.value = x.mean(0)
        return self.fc(x) * self.gain + self.mean.value
