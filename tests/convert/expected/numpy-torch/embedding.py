"""Embedding lookup and mean pooling."""
import torch


def embed_mean(table, tokens):
    vectors = torch.index_select(table, 0, tokens)
    return torch.mean(vectors, dim=1)
