"""Flax NNX state towards Keras: nnx.BatchStat and nnx.Variable become non-trainable
keras.Variable attributes, and their writes through .value the variable's assign methods; a
write Keras variables have no method for (*=) is reported."""
import jax
import jax.numpy as jnp
from flax import nnx


class Decay(nnx.Module):
    def __init__(self, d: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(d, d, rngs=rngs)
        self.mean = nnx.BatchStat(jnp.zeros(d))
        self.bias = nnx.Param(jnp.zeros(d))
        self.steps = nnx.Variable(0)
        self.scale = nnx.Variable(1.0)

    def __call__(self, x: jax.Array) -> jax.Array:
        self.steps.value += 1
        self.mean.value -= x.mean(0)
        self.scale.value *= 0.5
        return self.fc(x) + self.bias + self.mean.value * self.scale.value
