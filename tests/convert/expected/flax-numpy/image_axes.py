"""Axis numbers written about images (NHWC): they follow the converted model's layout."""
from flax import nnx
import numpy as np


class SqueezeExcite(nnx.Module):
    def __init__(self, channels: int, reduction: int = 4, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.conv = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.fc1 = nnx.Linear(channels, channels // reduction, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.fc2 = nnx.Linear(channels // reduction, channels, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        y = np.maximum(self.conv(x), 0.0)
        weights = y.mean(axis=(1, 2))
        weights = 1 / (1 + np.exp(-self.fc2(np.maximum(self.fc1(weights), 0.0))))
        return y * weights[:, None, None, :]


class TwoBranch(nnx.Module):
    def __init__(self, channels: int, classes: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.left = nnx.Conv(channels, channels, kernel_size=(1, 1), rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Conv' to 'numpy'
        self.right = nnx.Conv(channels, channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.head = nnx.Linear(2 * channels, classes, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        both = np.concatenate([self.left(x), self.right(x)], axis=-1)
        # switcheroo: no mapping for 'flax.nnx.max_pool' to 'numpy'
        both = nnx.max_pool(both, window_shape=(2, 2), strides=(2, 2))
        channels = both.shape[-1]
        scores = np.exp(both - np.max(both, axis=-1, keepdims=True)) / np.sum(np.exp(both - np.max(both, axis=-1, keepdims=True)), axis=-1, keepdims=True)
        tokens = scores.reshape(scores.shape[0], -1, channels)
        peak = np.amax(scores, axis=(1, 2))
        assert peak.shape[1] == channels
        return self.head(tokens.mean(axis=1)) + peak.sum()
