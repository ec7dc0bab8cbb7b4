import jax
import jax.numpy as jnp
from flax import nnx


def relative_index(h: int, w: int) -> jax.Array:
    # swin's and maxvit's relative position index: a name rebound from its own method
    # (`rel = rel.permute(...)`), then updated at an index in place.
    coords = jnp.stack(jnp.meshgrid(jnp.arange(h), jnp.arange(w), indexing="ij"))
    flat = coords.reshape(coords.shape[0], -1)
    rel = flat[:, :, None] - flat[:, None, :]
    rel = rel.transpose(1, 2, 0)
    rel = rel.at[:, :, 0].add(h - 1)
    rel = rel.at[:, :, 1].add(w - 1)
    rel = rel.at[:, :, 0].multiply(2 * w - 1)
    return rel.sum(-1)


class Biased(nnx.Module):
    def __init__(self, window: int, heads: int, *, rngs: nnx.Rngs):
        self.window = window
        size = (2 * window - 1) ** 2
        self.table = nnx.Param(jnp.linspace(-1.0, 1.0, size * heads).reshape(size, heads))
        self.index = nnx.BatchStat(relative_index(window, window))
        self.proj = nnx.Linear(window * window, window * window, rngs=rngs)

    def __call__(self, x):
        # x: (batch, heads, n, n) with n = window ** 2; swin's shifted-window mask is filled in a
        # loop, then rebound from its own view.
        n = self.window * self.window
        bias = self.table[self.index.reshape(-1)].reshape(n, n, -1).transpose(2, 0, 1)
        mask = jnp.zeros((n, n), dtype=x.dtype)
        count = 0
        for lo, hi in ((0, 2), (2, n)):
            mask = mask.at[lo:hi, lo:hi].set(count)
            count += 1
        mask = mask.reshape(n, n)
        return self.proj(x + jnp.expand_dims(bias, 0) + mask)
