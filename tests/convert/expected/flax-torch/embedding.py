"""Token embedding with a mean-pooled bag-of-words classifier."""
import torch
from torch import nn


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.classifier = nn.Linear(dim, num_classes)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        vectors = self.embed(tokens)
        return self.classifier(torch.mean(vectors, dim=1))
