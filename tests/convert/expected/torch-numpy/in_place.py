"""In-place updates (issue 21): methods, functions, stores on views, item and masked
assignment, and updates whose value is used."""
import torch.nn as nn
import numpy as np


def masked_scores(q: np.ndarray, k: np.ndarray, pad: np.ndarray):
    scores = np.matmul(q, k.swapaxes(-2, -1))
    scores[...] = np.divide(scores, q.shape[-1] ** 0.5)
    scores[...] = np.where(pad[:, None, :], -1e9, scores)
    scores[:, :, 0] = 0.0
    return np.exp(scores - np.max(scores, axis=-1, keepdims=True)) / np.sum(np.exp(scores - np.max(scores, axis=-1, keepdims=True)), axis=-1, keepdims=True)


def clipped(x: np.ndarray):
    y = np.tanh(x)
    y[...] = np.add(np.multiply(y, 2.0), 1.0)
    y[...] = y.clip(min=-0.5, max=2.5)
    y[y < 0] = 0.0
    y[...] = np.maximum(y, 0.0)
    y[:, 0] += 1.0
    y[:, 1] -= 0.25
    y[:, 2] *= 3.0
    return y


def activated(x: np.ndarray):
    y = x * 1.5
    y[...] = np.maximum(y, 0.0)
    z = 1 / (1 + np.exp(-(x - 0.5)))
    w = (y := np.tanh(np.multiply(y, 0.5)))
    return y + z + w + np.maximum(y - 0.25, 0.0)


class InPlaceBlock(nn.Module):
    def __init__(self, d):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.proj = nn.Linear(d, d)

    def forward(self, x):
        h = self.proj(x)
        h[...] = np.multiply(h, 0.5)
        h[:, -1] = 0
        h[:, 0] = 0.25
        h[h > 0.3] *= 2.0
        out = 1 / (1 + np.exp(-h))
        out[:, 1] = 1.0
        return out
