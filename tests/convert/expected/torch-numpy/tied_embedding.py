"""A language-model head tied to its token embedding (Press & Wolf): the output projection
reuses the embedding's table as its weight, so the two layers hold one tensor."""
import torch.nn as nn
import numpy as np


class TiedLanguageModel(nn.Module):
    def __init__(self, vocab_size: int, dim: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Embedding' to 'numpy'
        self.embed = nn.Embedding(vocab_size, dim)
        # switcheroo: no mapping for 'torch.nn.LayerNorm' to 'numpy'
        self.norm = nn.LayerNorm(dim)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.head = nn.Linear(dim, vocab_size, bias=False)
        self.head.weight = self.embed.weight

    def forward(self, tokens: np.ndarray) -> np.ndarray:
        return self.head(self.norm(self.embed(tokens)))
