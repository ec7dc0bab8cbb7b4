"""Stateful randomness in plain functions: dropout, noise and sampling."""
import torch
import torch.nn.functional as F
import tensorflow as tf


def dropout_features(x: tf.Tensor, rate: float = 0.1) -> tf.Tensor:
    # switcheroo: cannot convert 'torch.nn.functional.dropout' to 'tensorflow': 'tensorflow.keras.layers.Dropout' is a layer in 'tensorflow': create it in __init__ and call it here
    return F.dropout(x, p=rate, training=True)


def noisy(x: tf.Tensor, scale: float) -> tf.Tensor:
    # switcheroo: no mapping for 'torch.randn_like' to 'tensorflow'
    noise = torch.randn_like(x)
    # switcheroo: no mapping for 'torch.rand' to 'tensorflow'
    mask = torch.rand(x.shape[0], 1) < 0.5
    return x + scale * noise * mask


def sample_batch(data: tf.Tensor, batch: int) -> tf.Tensor:
    # switcheroo: no mapping for 'torch.randperm' to 'tensorflow'
    order = torch.randperm(data.shape[0])
    return data[order[:batch]]


def init_weight(rows: int, cols: int) -> tf.Tensor:
    # switcheroo: no mapping for 'torch.randn' to 'tensorflow'
    return torch.randn(rows, cols) / cols**0.5


def main():
    # switcheroo: no mapping for 'torch.manual_seed' to 'tensorflow'
    torch.manual_seed(0)
    weight = init_weight(4, 3)
    # switcheroo: no mapping for 'torch.randn' to 'tensorflow'
    x = torch.randn(8, 4)
    return dropout_features(noisy(x @ weight, 0.1))
