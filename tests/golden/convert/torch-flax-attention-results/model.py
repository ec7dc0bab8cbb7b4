"""nn.MultiheadAttention calls towards Flax: the weights discarded convert, the weights kept,
need_weights, the masks and the sequence-first layer are reported at their call."""
import torch
from torch import nn


class Attend(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads, dropout=0.1, batch_first=True)
        self.time_major = nn.MultiheadAttention(width, heads)
        self.wide = nn.MultiheadAttention(width, heads, kdim=3, vdim=3, batch_first=True)

    def forward(self, x: torch.Tensor, pad: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        out, _ = self.attn(x, x, x)
        first = self.attn(out, x, x)[0]
        pair = self.attn(x, x, x)
        kept, weights = self.attn(x, x, x)
        quiet, _ = self.attn(x, x, x, need_weights=False)
        padded, _ = self.attn(x, x, x, key_padding_mask=pad)
        masked, _ = self.attn(x, x, x, attn_mask=mask)
        late, _ = self.time_major(x, x, x)
        return out + first + pair[0] + kept * weights.sum() + quiet + padded + masked + late
