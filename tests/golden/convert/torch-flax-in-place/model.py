import torch
import torch.nn as nn


class Attention(nn.Module):
    """The in-place updates of issue 21: each becomes a rebinding towards immutable arrays."""

    def __init__(self, d):
        super().__init__()
        self.proj = nn.Linear(d, d)

    def forward(self, q, k, pad):
        d = q.shape[-1]
        scores = q @ k.transpose(-2, -1)
        scores.div_(d ** 0.5)
        scores.masked_fill_(pad[:, None, :], float("-inf"))
        scores[:, :, 0] = 0.0
        y = self.proj(scores)
        y.mul_(2.0).add_(1.0); y.clamp_(min=-3.0, max=3.0); y[y < 0] = 0.0; y.relu_()
        y[:, 0] += 1.0
        y[:, 1] -= q[:, 1] * 2
        out = y.softmax(-1)
        out[:, -1].zero_()
        out[:, 0].mul_(0.5)
        out[out > 0.9] *= 0.5
        gap = (out - y).abs_()
        return out + gap
