import jax
import jax.numpy as jnp
from flax import nnx


def project(x: jax.Array, weight: jax.Array, bias: jax.Array) -> jax.Array:
    return x @ weight.T + bias


class Attention(nnx.Module):
    """Parameters read as values: an nnx.Linear's kernel transposed is PyTorch's weight, and
    read without the transposition it is PyTorch's weight transposed."""

    def __init__(self, dim: int, *, rngs: nnx.Rngs):
        self.qkv = nnx.Linear(dim, 3 * dim, rngs=rngs)
        self.proj = nnx.Linear(dim, dim, rngs=rngs)
        self.norm = nnx.LayerNorm(dim, epsilon=1e-05, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        h = project(self.norm(x), self.qkv.kernel.T, self.qkv.bias)
        q, k, v = jnp.split(h, 3, axis=-1)
        h = jax.nn.softmax(q @ k.swapaxes(-2, -1), axis=-1) @ v
        return project(h, self.proj.kernel.T, self.proj.bias) * self.norm.scale + x @ self.proj.kernel

class Scaled(Attention):
    """A derived class reads the layers its base builds (swin's V2 attention)."""

    def __call__(self, x: jax.Array) -> jax.Array:
        return 0.5 * project(x, self.proj.kernel.T, self.proj.bias)

