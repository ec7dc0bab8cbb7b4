import torch
from torch import nn


def relative_index(h: int, w: int) -> torch.Tensor:
    # swin's and maxvit's relative position index: a name rebound from its own method
    # (`rel = rel.permute(...)`), then updated at an index in place.
    coords = torch.stack(torch.meshgrid([torch.arange(h), torch.arange(w)], indexing="ij"))
    flat = torch.flatten(coords, 1)
    rel = flat[:, :, None] - flat[:, None, :]
    rel = rel.permute(1, 2, 0).contiguous()
    rel[:, :, 0] += h - 1
    rel[:, :, 1] += w - 1
    rel[:, :, 0] *= 2 * w - 1
    return rel.sum(-1)


class Biased(nn.Module):
    def __init__(self, window: int, heads: int):
        super().__init__()
        self.window = window
        size = (2 * window - 1) ** 2
        self.table = nn.Parameter(torch.linspace(-1.0, 1.0, size * heads).reshape(size, heads))
        self.register_buffer("index", relative_index(window, window))
        self.proj = nn.Linear(window * window, window * window)

    def forward(self, x):
        # x: (batch, heads, n, n) with n = window ** 2; swin's shifted-window mask is filled in a
        # loop, then rebound from its own view.
        n = self.window * self.window
        bias = self.table[self.index.view(-1)].view(n, n, -1).permute(2, 0, 1)
        mask = x.new_zeros((n, n))
        count = 0
        for lo, hi in ((0, 2), (2, n)):
            mask[lo:hi, lo:hi] = count
            count += 1
        mask = mask.view(n, n)
        return self.proj(x + bias.unsqueeze(0) + mask)
