"""In-place updates (issue 21): methods, functions, stores on views, item and masked
assignment, and updates whose value is used."""
import torch
import torch.nn as nn
import torch.nn.functional as F


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


def activated(x: torch.Tensor):
    y = x * 1.5
    torch.relu_(y)
    z = torch.sigmoid_(x - 0.5)
    w = y.mul_(0.5).tanh_()
    return y + z + w + F.relu_(y - 0.25)


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
