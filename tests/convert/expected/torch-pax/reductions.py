"""Reductions with several results: values and indices."""
import jax.numpy as jnp


def best_class(logits):
    scores, labels = (jnp.max(logits, axis=-1), jnp.argmax(logits, axis=-1))
    return scores, labels


def column_peaks(x):
    return jnp.max(x, 0), jnp.argmin(x, 0)


def ranked(x):
    values, order = (jnp.sort(x, axis=-1), jnp.argsort(x, axis=-1))
    return values, order, jnp.sort(x)


def overall(x):
    return jnp.max(x), jnp.argmax(x, axis=1, keepdims=True)
