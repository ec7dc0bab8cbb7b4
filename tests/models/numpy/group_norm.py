"""Group normalization of (N, C, H, W) feature maps, by hand."""
import numpy as np


def group_norm(x, groups, eps=1e-5):
    n, c, h, w = x.shape
    grouped = x.reshape(n, groups, -1)
    mean = grouped.mean(axis=-1, keepdims=True)
    var = np.var(grouped, axis=-1, keepdims=True)
    return ((grouped - mean) / np.sqrt(var + eps)).reshape(n, c, h, w)
