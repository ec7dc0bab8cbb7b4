"""Stateful randomness in plain functions: dropout, noise and sampling."""
import torch
import torch.nn.functional as F
import keras


def dropout_features(x: keras.KerasTensor, rate: float = 0.1) -> keras.KerasTensor:
    # switcheroo: cannot convert 'torch.nn.functional.dropout' to 'keras': 'keras.layers.Dropout' is a layer in 'keras': create it in __init__ and call it here
    return F.dropout(x, p=rate, training=True)


def noisy(x: keras.KerasTensor, scale: float) -> keras.KerasTensor:
    # switcheroo: no mapping for 'torch.randn_like' to 'keras'
    noise = torch.randn_like(x)
    # switcheroo: no mapping for 'torch.rand' to 'keras'
    mask = torch.rand(x.shape[0], 1) < 0.5
    return x + scale * noise * mask


def sample_batch(data: keras.KerasTensor, batch: int) -> keras.KerasTensor:
    # switcheroo: no mapping for 'torch.randperm' to 'keras'
    order = torch.randperm(data.shape[0])
    return data[order[:batch]]


def init_weight(rows: int, cols: int) -> keras.KerasTensor:
    # switcheroo: no mapping for 'torch.randn' to 'keras'
    return torch.randn(rows, cols) / cols**0.5


def main():
    # switcheroo: no mapping for 'torch.manual_seed' to 'keras'
    torch.manual_seed(0)
    weight = init_weight(4, 3)
    # switcheroo: no mapping for 'torch.randn' to 'keras'
    x = torch.randn(8, 4)
    return dropout_features(noisy(x @ weight, 0.1))
