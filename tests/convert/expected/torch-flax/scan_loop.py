"""Loops over a sequence that carry state: a running sum and an Elman RNN."""
import jax
import jax.numpy as jnp
from flax import nnx


def running_sum(x: jax.Array) -> jax.Array:
    total = jnp.zeros_like(x[0])
    rows = []
    for row in x:
        total = total + row
        rows.append(total)
    return jnp.stack(rows)


class ElmanRNN(nnx.Module):
    def __init__(self, input_size: int, hidden_size: int, *, rngs: nnx.Rngs):
        self.hidden_size = hidden_size
        self.input_proj = nnx.Linear(input_size, hidden_size, rngs=rngs)
        self.recurrent = nnx.Linear(hidden_size, hidden_size, use_bias=False, rngs=rngs)

    def __call__(self, xs: jax.Array) -> jax.Array:
        h = jnp.zeros((xs.shape[1], self.hidden_size))
        outputs = []
        for x in xs:
            h = jnp.tanh(self.input_proj(x) + self.recurrent(h))
            outputs.append(h)
        return jnp.stack(outputs)
