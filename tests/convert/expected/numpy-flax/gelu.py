"""The tanh approximation of GELU, written out."""
import math

import jax.numpy as jnp


def gelu_tanh(x):
    return 0.5 * x * (1.0 + jnp.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * jnp.power(x, 3))))
