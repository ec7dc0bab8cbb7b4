import jax
import jax.numpy as jnp


def layer_norm(x: jax.Array, weight: jax.Array, bias: jax.Array) -> jax.Array:
    # what F.layer_norm becomes in Flax, back in PyTorch with the biased variance
    return jax.nn.standardize(x, axis=-1, epsilon=1e-06) * weight + bias
