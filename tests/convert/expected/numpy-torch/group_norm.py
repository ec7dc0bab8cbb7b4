"""Group normalization of (N, C, H, W) feature maps, by hand."""
import torch


def group_norm(x, groups, eps=1e-5):
    n, c, h, w = x.shape
    grouped = x.reshape(n, groups, -1)
    mean = grouped.mean(dim=-1, keepdim=True)
    var = torch.var(grouped, dim=-1, unbiased=False, keepdim=True)
    return ((grouped - mean) / torch.sqrt(var + eps)).reshape(n, c, h, w)
