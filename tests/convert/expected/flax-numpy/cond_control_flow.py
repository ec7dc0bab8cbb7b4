"""Data-dependent choices: elementwise with jnp.where, whole values with lax.cond."""
import numpy as np


def soft_clip(x: np.ndarray, limit: float) -> np.ndarray:
    return np.where(np.absolute(x) > limit, np.sign(x) * limit, x)


def _scaled_down(x):
    return x / np.sqrt(np.sum(x * x))


def _unchanged(x):
    return x


def normalize_if_large(x: np.ndarray) -> np.ndarray:
    return _scaled_down(x) if np.sum(x * x) > 1.0 else _unchanged(x)


def shrink_or_grow(x: np.ndarray, factor: float) -> np.ndarray:
    return (lambda v, f: v / f)(x, factor) if np.amax(x) > 0 else (lambda v, f: v * f)(x, factor)
