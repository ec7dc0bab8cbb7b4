import jax
import jax.numpy as jnp
from flax import nnx


class Attention(nnx.Module):
    """The in-place updates of issue 21: each becomes a rebinding towards immutable arrays."""

    def __init__(self, d, *, rngs: nnx.Rngs):
        self.proj = nnx.Linear(d, d, rngs=rngs)

    def __call__(self, q, k, pad):
        d = q.shape[-1]
        scores = q @ k.swapaxes(-2, -1)
        scores = jnp.divide(scores, d ** 0.5)
        scores = jnp.where(pad[:, None, :], float("-inf"), scores)
        scores = scores.at[:, :, 0].set(0.0)
        y = self.proj(scores)
        y = jnp.add(jnp.multiply(y, 2.0), 1.0); y = jnp.clip(y, min=-3.0, max=3.0); y = jnp.where(y < 0, 0.0, y); y = jax.nn.relu(y)
        y = y.at[:, 0].add(1.0)
        y = y.at[:, 1].set(y[:, 1] - (q[:, 1] * 2))
        out = jax.nn.softmax(y, -1)
        out = out.at[:, -1].set(0)
        out = out.at[:, 0].set(jnp.multiply(out[:, 0], 0.5))
        out = jnp.where(out > 0.9, out * 0.5, out)
        gap = jnp.abs((out - y))
        return out + gap


def bounded(x: jax.Array, rows):
    x = x.at[rows].min(1.0)
    x = x.at[0].divide(2.0)
    y = x.at[1].multiply(3.0)
    y = y.at[2].max(-1.0)
    return x + y + jnp.sum(y.at[0].get()) + x.at[rows, 1].get()
