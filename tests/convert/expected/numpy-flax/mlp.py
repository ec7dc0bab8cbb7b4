"""A two-layer perceptron forward pass with explicit weights."""
import jax.numpy as jnp


def relu(x):
    return jnp.maximum(x, 0.0)


def mlp(x, w1, b1, w2, b2):
    hidden = relu(jnp.matmul(x, w1) + b1)
    return jnp.matmul(hidden, w2) + b2
