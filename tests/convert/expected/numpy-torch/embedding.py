"""Embedding lookup and mean pooling."""
import torch


def embed_mean(table, tokens):
    vectors = table[tokens]
    return torch.mean(vectors, dim=1)
