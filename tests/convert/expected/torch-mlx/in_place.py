"""In-place updates (issue 21): methods, stores on views, item and masked assignment."""
import mlx.core as mx
from mlx import nn


def masked_scores(q: mx.array, k: mx.array, pad: mx.array):
    scores = mx.matmul(q, k.swapaxes(-2, -1))
    # switcheroo: no mapping for 'torch.Tensor.div_' to 'mlx'
    scores.div_(q.shape[-1] ** 0.5)
    # switcheroo: no mapping for 'torch.Tensor.masked_fill_' to 'mlx'
    scores.masked_fill_(pad[:, None, :], -1e9)
    scores[:, :, 0] = 0.0
    return mx.softmax(scores, -1)


def clipped(x: mx.array):
    y = mx.tanh(x)
    # switcheroo: no mapping for 'torch.Tensor.mul_' to 'mlx'
    y.mul_(2.0).add_(1.0)
    # switcheroo: no mapping for 'torch.Tensor.clamp_' to 'mlx'
    y.clamp_(min=-0.5, max=2.5)
    y[y < 0] = 0.0
    # switcheroo: no mapping for 'torch.Tensor.relu_' to 'mlx'
    y.relu_()
    y[:, 0] += 1.0
    y[:, 1] -= 0.25
    y[:, 2] *= 3.0
    return y


class InPlaceBlock(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.proj = nn.Linear(d, d)

    def __call__(self, x):
        h = self.proj(x)
        # switcheroo: no mapping for 'torch.Tensor.mul_' to 'mlx'
        h.mul_(0.5)
        # switcheroo: no mapping for 'torch.Tensor.zero_' to 'mlx'
        h[:, -1].zero_()
        # switcheroo: no mapping for 'torch.Tensor.fill_' to 'mlx'
        h[:, 0].fill_(0.25)
        h[h > 0.3] *= 2.0
        out = mx.sigmoid(h)
        out[:, 1] = 1.0
        return out
