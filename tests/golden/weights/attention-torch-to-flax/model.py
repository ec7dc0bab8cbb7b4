import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, width: int = 8, heads: int = 2):
        super().__init__()
        self.attention = nn.MultiheadAttention(width, heads)
        self.norm = nn.LayerNorm(width)

    def forward(self, x):
        out, _ = self.attention(x, x, x)
        return self.norm(x + out)
