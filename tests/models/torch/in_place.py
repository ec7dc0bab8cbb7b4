"""In-place updates (issue 21): methods, stores on views, item and masked assignment."""
import torch
import torch.nn as nn


def masked_scores(q: torch.Tensor, k: torch.Tensor, pad: torch.Tensor):
    scores = torch.matmul(q, k.transpose(-2, -1))
    scores.div_(q.shape[-1] ** 0.5)
    scores.masked_fill_(pad[:, None, :], -1e9)
    scores[:, :, 0] = 0.0
    return scores.softmax(-1)


def clipped(x: torch.Tensor):
    y = torch.tanh(x)
    y.mul_(2.0).add_(1.0)
    y.clamp_(min=-0.5, max=2.5)
    y[y < 0] = 0.0
    y.relu_()
    y[:, 0] += 1.0
    y[:, 1] -= 0.25
    y[:, 2] *= 3.0
    return y


class InPlaceBlock(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.proj = nn.Linear(d, d)

    def forward(self, x):
        h = self.proj(x)
        h.mul_(0.5)
        h[:, -1].zero_()
        h[:, 0].fill_(0.25)
        h[h > 0.3] *= 2.0
        out = torch.sigmoid(h)
        out[:, 1] = 1.0
        return out
