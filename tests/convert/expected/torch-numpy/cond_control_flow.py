"""Data-dependent choices: elementwise with torch.where, whole values with if."""
import numpy as np


def soft_clip(x: np.ndarray, limit: float) -> np.ndarray:
    return np.where(np.absolute(x) > limit, np.sign(x) * limit, x)


def leaky(x: np.ndarray) -> np.ndarray:
    return np.where(x > 0, x, 0.01 * x)


def normalize_if_large(x: np.ndarray) -> np.ndarray:
    norm = np.sqrt(np.sum(x * x))
    if norm > 1.0:
        return x / norm
    return x
