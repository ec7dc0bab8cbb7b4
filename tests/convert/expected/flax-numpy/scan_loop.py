"""Loops over a sequence that carry state, as jax.lax.scan."""
import jax
import numpy as np


def running_sum(x: np.ndarray) -> np.ndarray:
    def step(total, row):
        total = total + row
        return total, total

    # switcheroo: cannot convert 'jax.lax.scan' to 'numpy': it needs the 'scan_loop' hook
    _, rows = jax.lax.scan(step, np.zeros_like(x[0]), x)
    return rows


def last_state(x: np.ndarray, h0: np.ndarray) -> np.ndarray:
    # switcheroo: cannot convert 'jax.lax.scan' to 'numpy': it needs the 'scan_loop' hook
    h, _ = jax.lax.scan(lambda h, row: (np.tanh(h + row), None), h0, x)
    return h
