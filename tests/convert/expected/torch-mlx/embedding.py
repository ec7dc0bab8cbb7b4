"""Token embedding with a mean-pooled bag-of-words classifier."""
import torch
import mlx.core as mx
from mlx import nn


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.classifier = nn.Linear(dim, num_classes)

    def __call__(self, tokens: mx.array) -> mx.array:
        vectors = self.embed(tokens)
        return self.classifier(vectors.mean(axis=1))


class PaddedBagOfEmbeddings(nn.Module):
    """Token 0 pads: its row of the table starts at zero, so padding adds nothing to the sum."""

    def __init__(self, vocab_size: int, dim: int, num_classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Embedding' to 'mlx': 'mlx.nn.Embedding' has no 'padding_idx' (only its default converts)
        self.embed = torch.nn.Embedding(vocab_size, dim, padding_idx=0)
        self.classifier = nn.Linear(dim, num_classes)

    def __call__(self, tokens: mx.array) -> mx.array:
        return self.classifier(self.embed(tokens).sum(axis=1))
