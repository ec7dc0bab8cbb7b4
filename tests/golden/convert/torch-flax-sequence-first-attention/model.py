"""Sequence-first nn.MultiheadAttention (PyTorch's default, inputs (L, N, E)) towards Flax,
whose attention is batch first: the layer is written batch first and each call swaps axes 0
and 1 of its query, key and value and of its output. A batch_first that is not a literal
is reported."""
import torch
from torch import nn


class Attend(nn.Module):
    def __init__(self, width: int, heads: int, flag: bool):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads)
        self.cross = nn.MultiheadAttention(width, heads, bias=False, batch_first=False)
        self.either = nn.MultiheadAttention(width, heads, batch_first=flag)

    def forward(self, x: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        out, _ = self.attn(x, x, x)
        first = self.attn(x + out, x, x)[0]
        crossed = self.cross(query=first, key=memory, value=memory, need_weights=False)[0]
        late, _ = self.either(x, x, x)
        return out + first + crossed + late
