"""Gradients rescaled so that their global 2-norm is at most max_norm."""
import jax.numpy as jnp


def global_norm(grads):
    return jnp.sqrt(sum(jnp.sum(jnp.square(g)) for g in grads))


def clip_by_global_norm(grads, max_norm):
    norm = global_norm(grads)
    scale = jnp.minimum(1.0, max_norm / (norm + 1e-6))
    return [g * scale for g in grads]
