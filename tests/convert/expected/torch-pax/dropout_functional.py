"""Stateful randomness in plain functions: dropout, noise and sampling."""
import torch
import torch.nn.functional as F
import jax


def dropout_features(x: jax.Array, rate: float = 0.1) -> jax.Array:
    # switcheroo: cannot convert 'torch.nn.functional.dropout' to 'paxml': 'praxis.layers.Dropout' is a layer in 'paxml': create it in setup and call it here
    return F.dropout(x, p=rate, training=True)


def noisy(x: jax.Array, scale: float) -> jax.Array:
    # switcheroo: no mapping for 'torch.randn_like' to 'paxml'
    noise = torch.randn_like(x)
    # switcheroo: no mapping for 'torch.rand' to 'paxml'
    mask = torch.rand(x.shape[0], 1) < 0.5
    return x + scale * noise * mask


def sample_batch(data: jax.Array, batch: int) -> jax.Array:
    # switcheroo: no mapping for 'torch.randperm' to 'paxml'
    order = torch.randperm(data.shape[0])
    return data[order[:batch]]


def init_weight(rows: int, cols: int) -> jax.Array:
    # switcheroo: no mapping for 'torch.randn' to 'paxml'
    return torch.randn(rows, cols) / cols**0.5


def main():
    # switcheroo: no mapping for 'torch.manual_seed' to 'paxml'
    torch.manual_seed(0)
    weight = init_weight(4, 3)
    # switcheroo: no mapping for 'torch.randn' to 'paxml'
    x = torch.randn(8, 4)
    return dropout_features(noisy(x @ weight, 0.1))
