import torch
import torch.nn as nn


class TiedAutoencoder(nn.Module):
    """Two Linears sharing a weight; an Embedding's table tied to a Linear; a plain copy."""

    def __init__(self, vocab: int, dim: int):
        super().__init__()
        self.encode = nn.Linear(dim, dim)
        self.decode = nn.Linear(dim, dim)
        self.decode.weight = self.encode.weight
        self.embed = nn.Embedding(vocab, dim)
        self.head = nn.Linear(dim, vocab, bias=False)
        self.head.weight = self.embed.weight
        self.scale = self.encode.bias

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.decode(self.encode(self.embed(tokens))))
