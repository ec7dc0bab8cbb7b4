"""Token embedding with a mean-pooled bag-of-words classifier."""
import torch.nn as nn
import numpy as np


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Embedding' to 'numpy'
        self.embed = nn.Embedding(vocab_size, dim)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.classifier = nn.Linear(dim, num_classes)

    def forward(self, tokens: np.ndarray) -> np.ndarray:
        vectors = self.embed(tokens)
        return self.classifier(vectors.mean(axis=1))


class PaddedBagOfEmbeddings(nn.Module):
    """Token 0 pads: its row of the table starts at zero, so padding adds nothing to the sum."""

    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Embedding' to 'numpy'
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        # switcheroo: no mapping for 'torch.nn.Linear' to 'numpy'
        self.classifier = nn.Linear(dim, num_classes)

    def forward(self, tokens: np.ndarray) -> np.ndarray:
        return self.classifier(self.embed(tokens).sum(axis=1))
