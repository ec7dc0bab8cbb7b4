"""Stateful randomness in plain functions: dropout, noise and sampling."""
import torch.nn.functional as F
import mlx.core as mx


def dropout_features(x: mx.array, rate: float = 0.1) -> mx.array:
    # switcheroo: cannot convert 'torch.nn.functional.dropout' to 'mlx': 'mlx.nn.Dropout' is a layer in 'mlx': create it in __init__ and call it here
    return F.dropout(x, p=rate, training=True)


def noisy(x: mx.array, scale: float) -> mx.array:
    noise = mx.random.normal(shape=x.shape, dtype=x.dtype)
    mask = mx.random.uniform(shape=(x.shape[0], 1)) < 0.5
    return x + scale * noise * mask


def sample_batch(data: mx.array, batch: int) -> mx.array:
    order = mx.random.permutation(data.shape[0])
    return data[order[:batch]]


def init_weight(rows: int, cols: int) -> mx.array:
    return mx.random.normal(shape=(rows, cols)) / cols**0.5


def main():
    mx.random.seed(0)
    weight = init_weight(4, 3)
    x = mx.random.normal(shape=(8, 4))
    return dropout_features(noisy(x @ weight, 0.1))
