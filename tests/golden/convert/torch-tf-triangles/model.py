"""Triangles towards TensorFlow, whose tf.linalg.band_part keeps bands from the main diagonal:
another diagonal is the matrix less a band, or a band from that diagonal."""
import torch


def causal(n: int):
    # strictly above and strictly below the diagonal: x less a triangle
    upper = torch.triu(torch.ones(n, n), diagonal=1)
    lower = torch.tril(torch.ones(n, n), -1)
    return upper, lower


def banded(x, k: int):
    # on the main diagonal: band_part itself; elsewhere chosen by the diagonal's sign
    return torch.triu(x) + torch.tril(x, 0) + torch.triu(x, 2) + torch.tril(x, diagonal=k)
