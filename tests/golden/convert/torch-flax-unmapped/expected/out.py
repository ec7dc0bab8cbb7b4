import torch
import jax.numpy as jnp


def features(x):
    y = jnp.sum(x, axis=0)
    # switcheroo: no mapping for 'torch.histc' to 'flax'
    return torch.histc(y, bins=10)
