"""nn.MultiheadAttention towards Praxis's DotProductAttention: batch first (a sequence-first
layer has its axes swapped at each call), called with an additive mask of zeros where PyTorch
passes none; its per-head probabilities are not PyTorch's averaged weights, so a call that
uses them is reported, as are attn_mask and key_padding_mask."""
import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.cross_attn = nn.MultiheadAttention(embed_dim=width, num_heads=heads, bias=False,
                                                dropout=0.1, batch_first=True)
        self.seq_first = nn.MultiheadAttention(width, heads)

    def forward(self, x: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        out, _ = self.self_attn(x, x, x)
        out = self.cross_attn(out, memory, memory)[0]
        return self.seq_first(out, out, out)[0]


class Masked(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)

    def forward(self, x: torch.Tensor, mask: torch.Tensor, padding: torch.Tensor):
        out, _ = self.attn(x, x, x, attn_mask=mask)
        out, _ = self.attn(out, out, out, key_padding_mask=padding)
        out, weights = self.attn(out, out, out)
        return out, weights
