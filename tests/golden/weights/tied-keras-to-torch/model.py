"""A language-model head tied to its token embedding (Press & Wolf): the output projection
reuses the embedding's table as its weight, so the two layers hold one tensor."""
import torch
import torch.nn as nn


class TiedLanguageModel(nn.Module):
    def __init__(self, vocab_size: int, dim: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, vocab_size, bias=False)
        self.head.weight = self.embed.weight

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.norm(self.embed(tokens)))
