"""Token embedding with a mean-pooled bag-of-words classifier."""
import torch
import torch.nn as nn


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.classifier = nn.Linear(dim, num_classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        vectors = self.embed(tokens)
        return self.classifier(vectors.mean(dim=1))


class PaddedBagOfEmbeddings(nn.Module):
    """Token 0 pads: its row of the table starts at zero, so padding adds nothing to the sum."""

    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.classifier = nn.Linear(dim, num_classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.embed(tokens).sum(dim=1))
