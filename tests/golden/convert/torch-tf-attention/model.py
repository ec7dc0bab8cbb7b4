"""nn.MultiheadAttention towards TensorFlow: tf.keras.layers.MultiHeadAttention takes the size of each
head (key_dim = embed_dim // num_heads), is batch first and is called as (query, value, key).
A sequence-first layer swaps axes 0 and 1 around each call; the attention weights kept and a
mask are reported at their call."""
import torch
from torch import nn


class Attend(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, heads, dropout=0.1, batch_first=True)
        self.cross = nn.MultiheadAttention(embed_dim=width, num_heads=heads, bias=False,
                                           batch_first=True)
        self.time_major = nn.MultiheadAttention(width, 2 * heads)
        self.fixed = nn.MultiheadAttention(16, 4, batch_first=True)

    def forward(self, x: torch.Tensor, memory: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        out, _ = self.attn(x, x, x)
        crossed = self.cross(out, memory, memory + 1, need_weights=False)[0]
        late, _ = self.time_major(x, x, x)
        kept, weights = self.attn(x, x, x)
        masked, _ = self.attn(x, x, x, attn_mask=mask)
        return out + crossed + late + kept * weights.sum() + masked
