"""The way back of torch-flax-value-table-variables: JAX's approximate=True/False in a variable
is PyTorch's approximate='tanh'/'none', looked up when the code runs (it was reported)."""
import jax
import jax.numpy as jnp


def gelus(x: jax.Array, approximate: bool) -> jax.Array:
    return jax.nn.gelu(x, approximate=approximate) + jnp.var(x, axis=-1).sum()
