"""Loops over a sequence that carry state, as jax.lax.scan."""
import numpy as np


def running_sum(x: np.ndarray) -> np.ndarray:
    def step(total, row):
        total = total + row
        return total, total

    carry = np.zeros_like(x[0])
    rows = []
    for step_x in x:
        carry, step_y = step(carry, step_x)
        rows.append(step_y)
    rows = np.stack(rows)
    return rows


def last_state(x: np.ndarray, h0: np.ndarray) -> np.ndarray:
    h = h0
    for step_x in x:
        h, _ = (lambda h, row: (np.tanh(h + row), None))(h, step_x)
    return h
