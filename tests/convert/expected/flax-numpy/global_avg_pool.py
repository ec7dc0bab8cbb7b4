"""Global average pooling before a classifier head (channels last)."""
from flax import nnx
import numpy as np


class PooledClassifier(nnx.Module):
    def __init__(self, in_channels: int, width: int, num_classes: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv = nnx.Conv(in_channels, width, kernel_size=(3, 3), padding=1, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.head = nnx.Linear(width, num_classes, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        x = np.maximum(self.conv(x), 0.0)
        x = (lambda x, size: (lambda oh, ow: np.stack([np.stack([x[..., i * x.shape[-2] // oh:-(-(i + 1) * x.shape[-2] // oh), j * x.shape[-1] // ow:-(-(j + 1) * x.shape[-1] // ow)].mean(axis=(-2, -1)) for j in range(ow)], -1) for i in range(oh)], -2))(*(tuple(size) if isinstance(size, (tuple, list)) else (size, size))))(x, 1)
        return self.head(x.reshape(x.shape[0], -1))


def global_pool(x: np.ndarray) -> np.ndarray:
    return (lambda x, size: (lambda oh, ow: np.stack([np.stack([x[..., i * x.shape[-2] // oh:-(-(i + 1) * x.shape[-2] // oh), j * x.shape[-1] // ow:-(-(j + 1) * x.shape[-1] // ow)].mean(axis=(-2, -1)) for j in range(ow)], -1) for i in range(oh)], -2))(*(tuple(size) if isinstance(size, (tuple, list)) else (size, size))))(x, 1)
