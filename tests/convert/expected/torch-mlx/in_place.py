"""In-place updates (issue 21): methods, functions, stores on views, item and masked
assignment, and updates whose value is used."""
import mlx.core as mx
from mlx import nn


def masked_scores(q: mx.array, k: mx.array, pad: mx.array):
    scores = mx.matmul(q, k.swapaxes(-2, -1))
    scores[...] = mx.divide(scores, q.shape[-1] ** 0.5)
    scores[...] = mx.where(pad[:, None, :], -1e9, scores)
    scores[:, :, 0] = 0.0
    return mx.softmax(scores, -1)


def clipped(x: mx.array):
    y = mx.tanh(x)
    y[...] = mx.add(mx.multiply(y, 2.0), 1.0)
    y[...] = mx.clip(y, a_min=-0.5, a_max=2.5)
    y[y < 0] = 0.0
    y[...] = nn.relu(y)
    y[:, 0] += 1.0
    y[:, 1] -= 0.25
    y[:, 2] *= 3.0
    return y


def activated(x: mx.array):
    y = x * 1.5
    y[...] = nn.relu(y)
    z = mx.sigmoid(x - 0.5)
    w = (y := mx.tanh(mx.multiply(y, 0.5)))
    return y + z + w + nn.relu(y - 0.25)


class InPlaceBlock(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.proj = nn.Linear(d, d)

    def __call__(self, x):
        h = self.proj(x)
        h[...] = mx.multiply(h, 0.5)
        h[:, -1] = 0
        h[:, 0] = 0.25
        h[h > 0.3] *= 2.0
        out = mx.sigmoid(h)
        out[:, 1] = 1.0
        return out
