"""Embedding lookup and mean pooling."""
import numpy as np


def embed_mean(table, tokens):
    vectors = table[tokens]
    return np.mean(vectors, axis=1)
