"""Explicit-key randomness in plain functions: dropout, noise and sampling."""
import numpy as np


def dropout_features(x: np.ndarray, rate: float = 0.1) -> np.ndarray:
    keep = np.random.binomial(p=1 - rate, size=x.shape, n=1)
    return np.where(keep, x / (1 - rate), 0)


def noisy(x: np.ndarray, scale: float) -> np.ndarray:
    noise = np.random.randn(*x.shape)
    mask = np.random.rand(x.shape[0], 1) < 0.5
    return x + scale * noise * mask


def sample_batch(data: np.ndarray, batch: int) -> np.ndarray:
    order = np.random.permutation(data.shape[0])
    return data[order[:batch]]


def init_weight(rows: int, cols: int) -> np.ndarray:
    return np.random.randn(rows, cols) / cols**0.5


def main():
    np.random.seed(0)
    weight = init_weight(4, 3)
    x = np.random.randn(8, 4)
    return dropout_features(noisy(x @ weight, 0.1))
