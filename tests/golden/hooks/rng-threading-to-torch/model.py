import jax
import jax.numpy as jnp
from flax import nnx


def noise(key: jax.Array, x: jax.Array) -> jax.Array:
    return x + jax.random.normal(key, x.shape)


def mix(key: jax.Array, x: jax.Array, low: float) -> jax.Array:
    key1, key2, key3 = jax.random.split(key, 3)
    shifted = noise(key1, x)
    keep = jax.random.bernoulli(key2, 0.9, x.shape)
    scale = jax.random.uniform(key3, (), minval=low, maxval=1.0)
    return jnp.where(keep, shifted * scale, 0)


def run():
    key = jax.random.key(3)
    x = jax.random.normal(key, (2, 3))
    return mix(key, x, 0.5), jax.random.permutation(key, x.shape[0]), jax.random.randint(key, (4,), 0, 9)


class Noisy(nnx.Module):
    def __init__(self, dim: int, *, rngs: nnx.Rngs):
        self.linear = nnx.Linear(dim, dim, rngs=rngs)
        self.rngs = rngs

    def __call__(self, x):
        return self.linear(x) + jax.random.normal(self.rngs.default(), x.shape)


def samples(key: jax.Array, n: int):
    # an array of keys, iterated: the count stays
    keys = jax.random.split(key, n)
    return [jax.random.normal(k, (2,)) for k in keys]
