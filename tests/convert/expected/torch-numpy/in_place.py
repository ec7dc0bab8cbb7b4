"""In-place updates (issue 21): methods, stores on views, item and masked assignment."""
import torch.nn as nn
import numpy as np


def masked_scores(q: np.ndarray, k: np.ndarray, pad: np.ndarray):
    scores = np.matmul(q, k.swapaxes(-2, -1))
    # switcheroo: no mapping for 'torch.Tensor.div_' to 'numpy'
    scores.div_(q.shape[-1] ** 0.5)
    # switcheroo: no mapping for 'torch.Tensor.masked_fill_' to 'numpy'
    scores.masked_fill_(pad[:, None, :], -1e9)
    scores[:, :, 0] = 0.0
    return np.exp(scores - np.max(scores, axis=-1, keepdims=True)) / np.sum(np.exp(scores - np.max(scores, axis=-1, keepdims=True)), axis=-1, keepdims=True)


def clipped(x: np.ndarray):
    y = np.tanh(x)
    # switcheroo: no mapping for 'torch.Tensor.mul_' to 'numpy'
    y.mul_(2.0).add_(1.0)
    # switcheroo: no mapping for 'torch.Tensor.clamp_' to 'numpy'
    y.clamp_(min=-0.5, max=2.5)
    y[y < 0] = 0.0
    # switcheroo: no mapping for 'torch.Tensor.relu_' to 'numpy'
    y.relu_()
    y[:, 0] += 1.0
    y[:, 1] -= 0.25
    y[:, 2] *= 3.0
    return y


class InPlaceBlock(nn.Module):
    def __init__(self, d):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.proj = nn.Linear(d, d)

    def forward(self, x):
        h = self.proj(x)
        # switcheroo: no mapping for 'torch.Tensor.mul_' to 'numpy'
        h.mul_(0.5)
        # switcheroo: no mapping for 'torch.Tensor.zero_' to 'numpy'
        h[:, -1].zero_()
        # switcheroo: no mapping for 'torch.Tensor.fill_' to 'numpy'
        h[:, 0].fill_(0.25)
        h[h > 0.3] *= 2.0
        out = 1 / (1 + np.exp(-h))
        out[:, 1] = 1.0
        return out
