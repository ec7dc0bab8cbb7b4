"""Stateful randomness in plain functions: dropout, noise and sampling."""
import torch
import torch.nn.functional as F
import numpy as np


def dropout_features(x: np.ndarray, rate: float = 0.1) -> np.ndarray:
    # switcheroo: no mapping for 'torch.nn.functional.dropout' to 'numpy'
    return F.dropout(x, p=rate, training=True)


def noisy(x: np.ndarray, scale: float) -> np.ndarray:
    # switcheroo: cannot convert 'torch.randn_like' to 'numpy': np.random.standard_normal(x.shape): not converted yet
    noise = torch.randn_like(x)
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
