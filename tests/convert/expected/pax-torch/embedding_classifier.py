"""A bag-of-embeddings classifier as a Praxis layer: its hyper-parameters are fields, its
embedding, normalization, dropout and projections children made from templates in setup()."""
from praxis import base_layer
import torch
from torch import nn

JTensor = base_layer.JTensor


class BagOfEmbeddings(nn.Module):

    def __init__(self, vocab_size: int = 20, model_dims: int = 6, num_classes: int = 3, dropout_prob: float = 0.1) -> None:
        super().__init__()
        self.embed = nn.Embedding(num_embeddings=vocab_size, embedding_dim=model_dims)
        self.norm = nn.LayerNorm(normalized_shape=model_dims, eps=1e-06)
        self.dropout = nn.Dropout(p=dropout_prob)
        self.hidden = nn.Linear(in_features=model_dims, out_features=model_dims)
        self.head = nn.Linear(in_features=model_dims, out_features=num_classes, bias=False)

    def forward(self, tokens: JTensor) -> JTensor:
        vectors = torch.mean(self.embed(tokens), dim=1)
        return self.head(self.dropout(torch.tanh(self.hidden(self.norm(vectors)))))


class Stack(nn.Module):
    """Two classifiers' logits summed: children that are layers of this file."""

    def __init__(self, vocab_size: int = 20) -> None:
        super().__init__()
        self.first = BagOfEmbeddings(vocab_size=vocab_size)
        self.second = BagOfEmbeddings(vocab_size=vocab_size, dropout_prob=0.2)

    def forward(self, tokens: JTensor) -> JTensor:
        return self.first(tokens) + self.second(tokens)


def make_classifier() -> BagOfEmbeddings:
    return BagOfEmbeddings(vocab_size=20)
