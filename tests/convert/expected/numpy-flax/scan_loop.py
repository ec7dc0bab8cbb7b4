"""A loop over a sequence that carries state: a running sum."""
import jax.numpy as jnp


def running_sum(x):
    total = jnp.zeros_like(x[0])
    rows = []
    for row in x:
        total = total + row
        rows.append(total)
    return jnp.stack(rows)
