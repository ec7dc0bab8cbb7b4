import numpy as np


def sample(mu, logvar, q, x):
    """Python numbers become tensors for torch's tensor-only math; tensors stay as they are."""
    std = np.exp(0.5 * logvar)
    scale = np.sqrt(q.shape[-1]) + np.sqrt(len(x) + 1) + np.exp(-2.5e-3)
    return mu + std * scale, np.maximum(x, 0.0), np.maximum(x, mu * 2), np.sqrt(2 * (q.shape[0] - 1))
